"""What a re-upload would change on a stored page, and the staff corrections at stake.

Plain Python, no Django: the stored page comes in as dicts (staff_compare.py reads them).
Items are paired with stored articles the way load_issue pairs them (numbering.py), so the
screen shows exactly what storing will do: which articles keep their URL, which are new,
which go, and which corrections made in the admin since the last ingest would be lost.
"""

from archive.numbering import assign_numbers, text_of

FIELDS = ("kind", "kicker", "title", "subtitle", "source", "dateline", "editor_code", "paragraphs")
LABELS = {
    "kind": "类型", "kicker": "引题", "title": "主题", "subtitle": "副题", "source": "来源",
    "dateline": "电头", "editor_code": "编辑代码", "paragraphs": "正文",
}  # fmt: skip


def item_text(item):
    return text_of(
        item.get("kicker"), item.get("title"), item.get("subtitle"), item.get("paragraphs")
    )


def corrections(ingested, current):
    """{field: (value the ingest stored, value now)} for the fields staff changed since.

    >>> corrections({"title": "", "subtitle": "副"}, {"title": "王小平到马村区督导", "subtitle": "副"})
    {'title': ('', '王小平到马村区督导')}
    """
    return {
        name: (ingested.get(name), current.get(name))
        for name in FIELDS
        if name in ingested and ingested.get(name) != current.get(name)
    }


def compare(stored, parsed):
    """How `parsed` (the new items) would replace `stored` ([{"number", "fields",
    "corrections"}] in page order).

    A correction is kept where the new item leaves the field as the last ingest had it (the
    same parse of the same text); where the new text or a review edit changed the field, the
    new value wins and the correction is listed as lost.

    >>> old = [{"number": 1, "fields": {"title": "全市召开疫情防控电视电话会议"},
    ...         "corrections": {"subtitle": ("", "人工补的副题")}}]
    >>> diff = compare(old, [{"title": "全市召开疫情防控电视电话会议"}, {"title": "新增的简讯"}])
    >>> diff["numbers"], diff["added"], diff["removed"], [c["index"] for c in diff["kept_corrections"]]
    ([1, 2], [1], [], [0])
    """
    numbers = assign_numbers(
        [(s["number"], item_text(s["fields"])) for s in stored], [item_text(p) for p in parsed]
    )
    by_number = {s["number"]: s for s in stored}
    diff = {
        "numbers": numbers,
        "added": [],
        "removed": [],
        "changed": [],
        "kept_corrections": [],
        "lost_corrections": [],
    }
    for index, (item, number) in enumerate(zip(parsed, numbers, strict=True)):
        old = by_number.get(number)
        if old is None:
            diff["added"].append(index)
            continue
        changed = [n for n in FIELDS if n in item and item.get(n) != old["fields"].get(n)]
        if changed:
            diff["changed"].append({"index": index, "number": number, "fields": changed})
        kept = {n: now for n, (was, now) in old["corrections"].items() if item.get(n, was) == was}
        lost = {n: now for n, (was, now) in old["corrections"].items() if n not in kept}
        for key, made in (("kept_corrections", kept), ("lost_corrections", lost)):
            if made:
                diff[key].append({"index": index, "number": number, "corrections": made})
    matched = set(numbers)
    diff["removed"] = [s for s in stored if s["number"] not in matched]
    diff["lost_corrections"] += [
        {
            "index": None,
            "number": s["number"],
            "corrections": {n: now for n, (_, now) in s["corrections"].items()},
        }
        for s in diff["removed"]
        if s["corrections"]
    ]
    return diff


def keep_corrections(parsed, diff):
    """The new items with the staff corrections of the articles they continue put back.

    >>> diff = {"kept_corrections": [{"index": 0, "number": 1, "corrections": {"title": "改"}}]}
    >>> keep_corrections([{"title": "原"}], diff)
    [{'title': '改'}]
    """
    items = [dict(item) for item in parsed]
    for kept in diff["kept_corrections"]:
        items[kept["index"]].update(kept["corrections"])
    return items
