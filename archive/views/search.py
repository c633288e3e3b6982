"""The search page (placeholder, being built)."""

from django.shortcuts import render


def search_page(request):
    return render(request, "archive/home.html", {})
