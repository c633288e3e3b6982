"""Small builders for archive rows, so tests say only what matters to them."""

import datetime

from archive.models import Article, Issue, Mention, Newspaper, Page, Person


def make_paper(name="焦作日报", slug="jzrb", place="河南焦作"):
    paper, _ = Newspaper.objects.get_or_create(slug=slug, defaults={"name": name, "place": place})
    return paper


def make_issue(date="2020-01-27", paper=None, number=None):
    paper = paper or make_paper()
    issue, _ = Issue.objects.get_or_create(
        newspaper=paper, date=datetime.date.fromisoformat(str(date)), defaults={"number": number}
    )
    return issue


def make_page(number=1, issue=None, name="要闻"):
    issue = issue or make_issue()
    page, _ = Page.objects.get_or_create(issue=issue, number=number, defaults={"name": name})
    return page


def make_article(page=None, *, order=None, published=True, persons=(), reporters=(), **fields):
    """An article; `persons` is a list of (name, [roles]) pairs, `reporters` a list of names."""
    page = page or make_page()
    if order is None:
        order = page.articles.count() + 1
    fields.setdefault("title", "坚决打赢疫情防控阻击战")
    fields.setdefault("paragraphs", ["1月26日，市委副书记、市长徐衣显深入城区一线检查。"])
    article = Article.objects.create(page=page, order=order, published=published, **fields)
    for i, name in enumerate(reporters):
        Mention.objects.create(article=article, person=make_person(name), is_reporter=True, order=i)
    for i, (name, roles) in enumerate(persons):
        Mention.objects.create(
            article=article, person=make_person(name), roles=list(roles), order=i
        )
    return article


def make_person(name="王小平"):
    person = Person.objects.filter(name=name).first()
    if person is None:
        person = Person(name=name)
        person.save()
    return person
