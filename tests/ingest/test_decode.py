"""decode_bytes: the encodings e-paper exports arrive in."""

import codecs

import pytest

from archive.ingest import DecodeError, decode_bytes

PAGE = "本报讯（记者杨丽娜、姚广强） 1 月 26 日农历正月初二，市\n委副书记、市长徐衣显深入城区\n\n（下转第二版③）①3\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk"]
)
def test_a_page_round_trips_through_each_encoding(encoding):
    assert decode_bytes(PAGE.encode(encoding), "p1.txt") == PAGE


def test_big5_pages_decode_as_traditional_chinese():
    text = "本報訊（記者楊麗娜）1月26日，市委副書記、市長深入城區一線檢查疫情防控工作。\n"
    assert decode_bytes(text.encode("big5")) == text


def test_a_byte_order_mark_is_removed():
    assert decode_bytes(codecs.BOM_UTF8 + "焦作日报".encode()) == "焦作日报"
    assert decode_bytes("焦作日报".encode("utf-16")) == "焦作日报"


def test_windows_and_old_mac_line_endings_become_newlines():
    assert decode_bytes("一\r\n二\r三\n".encode("gbk")) == "一\n二\n三\n"


def test_empty_input_names_the_file():
    with pytest.raises(DecodeError, match=r"^page\.txt: the file is empty$"):
        decode_bytes(b"", "page.txt")


def test_binary_input_is_refused_with_offset_and_line():
    data = "第一行\n".encode() + b"\x89PNG\x00\x01\x02\xff\xfe" * 20
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data, "scan.png")
    message = str(caught.value)
    assert message.startswith("scan.png: not text in UTF-8, UTF-16, GB18030 or Big5")
    assert "\n" not in message


def test_undecodable_bytes_report_where_they_are():
    data = "本报讯\n第二行".encode() + b"\xff\xfe\xfd\x80\x81" * 3
    with pytest.raises(DecodeError, match=r"offset 19, line 2\)$"):
        decode_bytes(data, "p.txt")


def test_decode_error_is_a_value_error():
    assert issubclass(DecodeError, ValueError)
