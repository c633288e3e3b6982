"""Forms for the staff side: uploading or pasting one page of e-paper text."""

from django import forms
from django.conf import settings

from archive.models import Newspaper


class PageUploadForm(forms.Form):
    paper = forms.ModelChoiceField(
        label="报纸", queryset=Newspaper.objects.all(), required=False, empty_label="（新报纸）"
    )
    new_paper_name = forms.CharField(label="新报纸名称", max_length=100, required=False)
    new_paper_slug = forms.SlugField(label="新报纸简称", max_length=40, required=False)
    date = forms.DateField(label="出版日期", input_formats=["%Y-%m-%d"], help_text="如 2020-01-27")
    page = forms.IntegerField(label="版次", min_value=1, max_value=999)
    page_name = forms.CharField(label="版名", max_length=50, required=False, help_text="如 要闻")
    upload = forms.FileField(label="上传版面文本或 PDF", required=False)
    text = forms.CharField(
        label="或粘贴版面文本", widget=forms.Textarea(attrs={"rows": 12}), required=False
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return upload
        upload.seek(0)
        pdf = upload.read(5) == b"%PDF-"
        upload.seek(0)
        limit = settings.MAX_PDF_BYTES if pdf else settings.MAX_UPLOAD_BYTES
        if upload.size > limit:
            what = "版面 PDF" if pdf else "一版文本"
            raise forms.ValidationError(f"文件过大：{what}不应超过 {limit // (1024 * 1024)} MB。")
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("upload") and not (data.get("text") or "").strip():
            raise forms.ValidationError("请上传文件或粘贴版面文本。")
        if not data.get("paper") and not (
            data.get("new_paper_name") and data.get("new_paper_slug")
        ):
            raise forms.ValidationError("请选择报纸，或填写新报纸的名称和简称。")
        return data

    def paper_identity(self):
        paper = self.cleaned_data.get("paper")
        if paper:
            return paper.name, paper.slug
        return self.cleaned_data["new_paper_name"].strip(), self.cleaned_data["new_paper_slug"]
