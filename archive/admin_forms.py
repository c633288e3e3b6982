"""Forms for the staff side: uploading or pasting page text, and editing an article."""

from django import forms
from django.conf import settings

from archive import kept_uploads
from archive.ingest import flags
from archive.models import Article, Mention, Newspaper
from archive.review import split_paragraphs
from archive.sources import from_file_name


class PageUploadForm(forms.Form):
    paper = forms.ModelChoiceField(
        label="报纸", queryset=Newspaper.objects.all(), required=False, empty_label="（新报纸）"
    )
    new_paper_name = forms.CharField(label="新报纸名称", max_length=100, required=False)
    new_paper_slug = forms.SlugField(label="新报纸简称", max_length=40, required=False)
    date = forms.DateField(
        label="出版日期",
        input_formats=["%Y-%m-%d"],
        required=False,
        help_text="如 2020-01-27；不填则从文件名读出（如 jzrb-2020-01-27-p1.txt）",
    )
    page = forms.IntegerField(
        label="版次", min_value=1, max_value=999, required=False, help_text="不填则从文件名读出"
    )
    page_name = forms.CharField(label="版名", max_length=50, required=False, help_text="如 要闻")
    upload = forms.FileField(label="上传版面文本或 PDF", required=False)
    text = forms.CharField(
        label="或粘贴版面文本", widget=forms.Textarea(attrs={"rows": 12}), required=False
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            # No file chosen this time: the one kept from the last submit, if any.
            upload = kept_uploads.restore(self.data.get("kept_upload"))
            self.kept_token = self.data.get("kept_upload") if upload else None
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        papers = list(Newspaper.objects.all()[:2])
        if len(papers) == 1:  # one paper in the archive: it, not （新报纸）, is the likely one
            self.fields["paper"].initial = papers[0].pk

    def clean(self):
        data = super().clean()
        if not data.get("upload") and not (data.get("text") or "").strip():
            raise forms.ValidationError("请上传文件或粘贴版面文本。")
        self._from_file_name(data)
        if not data.get("date") and "date" not in self.errors:
            self.add_error("date", "请填写出版日期，或用像 jzrb-2020-01-27-p1.txt 这样的文件名。")
        if not data.get("page") and "page" not in self.errors:
            self.add_error("page", "请填写版次，或让文件名以 -p1 结尾。")
        if not data.get("paper") and not (
            data.get("new_paper_name") and data.get("new_paper_slug")
        ):
            raise forms.ValidationError("请选择报纸，或填写新报纸的名称和简称。")
        return data

    def _from_file_name(self, data):
        """Paper, date and page the upload's name gives, as `manage.py ingest` reads them,
        wherever staff left the field empty."""
        upload = data.get("upload")
        if not upload:
            return
        named = from_file_name(upload.name)
        for name, value in (("date", named.date), ("page", named.page)):
            if not data.get(name) and name not in self.errors:  # a typed value wins
                data[name] = value
        if not data.get("paper") and not data.get("new_paper_name") and named.paper_slug:
            data["paper"] = Newspaper.objects.filter(slug=named.paper_slug).first()

    def keep_upload(self):
        """After an error elsewhere in the form, keep the file so staff need not choose it
        again: sets ``kept`` (token and name) for the form page's 已保留文件."""
        upload = self.cleaned_data.get("upload") if hasattr(self, "cleaned_data") else None
        if upload and "upload" not in self.errors:
            token = getattr(self, "kept_token", None) or kept_uploads.keep(upload)
            self.kept = {"token": token, "name": upload.name}

    def paper_identity(self):
        paper = self.cleaned_data.get("paper")
        if paper:
            return paper.name, paper.slug
        return self.cleaned_data["new_paper_name"].strip(), self.cleaned_data["new_paper_slug"]


class ArticleAdminForm(forms.ModelForm):
    """An article as staff edit it: paragraphs one per line, flags as boxes in Chinese.

    The stored fields are JSON lists; staff should never type ["no_byline"] by hand. A flag
    is cleared by unticking it (or with the list's 清除待审原因 action).
    """

    paragraphs = forms.CharField(
        label="正文段落",
        widget=forms.Textarea(attrs={"rows": 16, "cols": 80}),
        required=False,
        help_text="每行一段；空行忽略。",
    )
    review = forms.MultipleChoiceField(
        label="待审原因",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="取消勾选即清除该原因。",
    )

    class Meta:
        model = Article
        fields = [
            *("page", "order", "kind", "published", "review", "kicker", "title", "subtitle"),
            *("source", "dateline", "editor_code", "paragraphs", "continuation"),
            *("jump_to_page", "jump_to_marker", "jump_from_page", "jump_from_marker"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = list(self.instance.review or []) if self.instance.pk else []
        self.fields["review"].choices = [(code, flags.label(code)) for code in stored]
        self.initial["review"] = stored
        self.initial["paragraphs"] = "\n".join(self.instance.paragraphs or [])

    def clean_paragraphs(self):
        return split_paragraphs(self.cleaned_data["paragraphs"])

    def clean_review(self):
        # Only flags the article had may stay: the boxes clear, they never invent.
        kept = set(self.cleaned_data["review"])
        return [code for code in (self.instance.review or []) if code in kept]


class MentionAdminForm(forms.ModelForm):
    """A mention's roles as text: 市委书记、市长 (separated by 、 or a comma)."""

    roles = forms.CharField(
        label="职务", required=False, help_text="多个职务用顿号或逗号分开，如 市委书记、市长"
    )

    class Meta:
        model = Mention
        fields = ["person", "roles", "is_reporter", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["roles"] = "、".join(self.instance.roles or []) if self.instance.pk else ""

    def clean_roles(self):
        text = self.cleaned_data["roles"]
        parts = text.replace("，", "、").replace(",", "、").split("、")
        return list(dict.fromkeys(p.strip() for p in parts if p.strip()))
