"""The headline-role weights: what they may change, and when their choice is flagged."""

from archive.ingest import flags, headline_roles, parse_page
from archive.ingest.headline_roles import choose


def test_a_title_wrapped_mid_word_stays_one_title():
    lines = ["温家宝在贵州农村考察时指出动", "员全社会力量打好扶贫攻坚战"]
    current = ("", " ".join(lines), "")
    # Without the blocks the weights read the first line as a kicker (…指出 is a lead-in).
    assert choose(lines, current)[0][0] == "温家宝在贵州农村考察时指出动"
    assert choose(lines, current, [0, 0])[0] == current


def test_a_cut_at_a_word_edge_is_still_the_weights_to_make():
    lines = ["田径世锦赛", "我国选手佳绩频传"]
    assert choose(lines, ("", "田径世锦赛 我国选手佳绩频传", ""), [0, 0])[0] == (
        "田径世锦赛",
        "我国选手佳绩频传",
        "",
    )


def test_the_margin_is_how_far_the_chosen_cut_leads():
    lines = ["田径世锦赛", "我国选手佳绩频传", "奖牌榜稳居第二"]
    chosen, margin = choose(lines, ("", " ".join(lines), ""))
    assert margin == headline_roles.role_margin(lines, chosen) > 0


def test_a_close_call_on_the_headline_is_flagged(monkeypatch):
    page = "本报讯（记者刘婧）1月24日上午，我市召开会议。①3\n\n田径世锦赛\n我国选手佳绩频传\n"
    [item] = parse_page(page).articles
    assert not flags.has(item.review, flags.HEADLINE_UNCERTAIN)
    monkeypatch.setattr("archive.ingest.ROLE_MARGIN", float("inf"))
    [item] = parse_page(page).articles
    assert flags.has(item.review, flags.HEADLINE_UNCERTAIN)
    assert flags.label(flags.HEADLINE_UNCERTAIN) == "引题、主题、副题的划分可能有误"
