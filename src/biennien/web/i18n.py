"""Interface labels in Vietnamese (the default) and English, and value formatting.

Only the interface is translated: article text, summaries and names are shown
as the outlets wrote them.
"""

from __future__ import annotations

from biennien.export.timeline import mod_labels, period_labels
from biennien.web.data import date_bounds

LANGS = ("vi", "en")

LABELS: dict[str, tuple[str, str]] = {
    "site": ("Biên niên", "Chronicle"),
    "timeline": ("Dòng thời gian", "Timeline"),
    "entities": ("Thực thể", "Entities"),
    "entity": ("Thực thể", "Entity"),
    "facts": ("Số liệu", "Facts"),
    "documents": ("Bài viết", "Articles"),
    "document": ("Bài viết", "Article"),
    "search": ("Tìm kiếm", "Search"),
    "event": ("Sự kiện", "Event"),
    "events": ("Sự kiện", "Events"),
    "stories": ("Chuỗi sự kiện", "Stories"),
    "story": ("Chuỗi sự kiện", "Story"),
    "date": ("Thời gian", "Date"),
    "from": ("Từ", "From"),
    "to": ("Đến", "To"),
    "type": ("Loại", "Type"),
    "all": ("Tất cả", "All"),
    "filter": ("Lọc", "Filter"),
    "clear": ("Bỏ lọc", "Clear"),
    "summary": ("Tóm tắt", "Summary"),
    "participants": ("Thành phần", "Participants"),
    "place": ("Địa điểm", "Place"),
    "sources": ("Nguồn", "Sources"),
    "sources_n": ("nguồn", "sources"),
    "evidence": ("Câu dẫn chứng", "Evidence"),
    "outlet": ("Báo", "Outlet"),
    "published": ("Ngày đăng", "Published"),
    "open_at_sentence": ("Xem trong bài", "Open in article"),
    "aliases": ("Tên khác", "Aliases"),
    "roles": ("Chức vụ", "Roles"),
    "role_history": ("Lịch sử chức vụ", "Role history"),
    "cooccurring": ("Thường xuất hiện cùng", "Appears with"),
    "mentioned_in": ("Được nhắc trong", "Mentioned in"),
    "not_linked": (
        "Tên người tham gia, chưa được liên kết thành thực thể",
        "A participant name not yet linked to an entity",
    ),
    "measure": ("Chỉ số", "Measure"),
    "subject": ("Đối tượng", "Subject"),
    "period": ("Kỳ", "Period"),
    "value": ("Giá trị", "Value"),
    "conflicts": ("Số liệu mâu thuẫn", "Conflicting figures"),
    "series": ("Chuỗi số liệu", "Series"),
    "no_events": ("Không có sự kiện nào.", "No events."),
    "who": ("Ai", "Who"),
    "who_placeholder": ("tên, ví dụ Tô Lâm", "a name, e.g. Tô Lâm"),
    "unknown_entity": ("Không có người hay tổ chức nào tên", "No person or organisation is named"),
    "bad_date": (
        "Ngày không hợp lệ (dùng 2025, 2025-07 hoặc 2025-07-02), đã bỏ qua",
        "Not a date (use 2025, 2025-07 or 2025-07-02), ignored",
    ),
    "no_facts": ("Chưa có số liệu nào.", "No facts yet."),
    "no_results": ("Không tìm thấy kết quả.", "No results."),
    "undated": ("Không rõ thời gian", "Undated"),
    "month": ("Tháng", "Month"),
    "year": ("Năm", "Year"),
    "density": ("Mật độ sự kiện theo thời gian", "Events over time"),
    "zoom_out": ("Thu nhỏ", "Zoom out"),
    "search_placeholder": ("Tìm trong các câu (không cần dấu)", "Search sentences (accents optional)"),
    "search_error": (
        "Không hiểu câu tìm kiếm này. Hãy thử các từ đơn giản, không dùng ký tự đặc biệt.",
        "That search could not be understood. Try plain words without special characters.",
    ),
    "search_empty": ("Nhập từ cần tìm.", "Type something to search for."),
    "search_static": (
        "Tìm kiếm cần máy chủ (biennien serve); bản tĩnh không có.",
        "Search needs the server (biennien serve); the static copy has none.",
    ),
    "results": ("kết quả", "results"),
    "results_capped": (
        "%d kết quả đầu tiên; hãy thêm từ để thu hẹp.",
        "The first %d results; add words to narrow the search.",
    ),
    "related_events": ("Sự kiện liên quan", "Related events"),
    "related_facts": ("Số liệu trong bài", "Figures in this article"),
    "duplicate_of": ("Bản trùng của", "Duplicate of"),
    "duplicates": ("Các bản trùng", "Duplicates"),
    "shared_paragraphs": ("Đoạn văn chung với bài khác", "Paragraphs shared with other articles"),
    "legend": ("Chú thích", "Legend"),
    "legend_timex": ("thời gian", "time"),
    "legend_entity": ("tên riêng", "name"),
    "legend_figure": ("số liệu", "figure"),
    "not_found": ("Không tìm thấy trang này.", "Page not found."),
    "error": ("Đã có lỗi.", "Something went wrong."),
    "page": ("Trang", "Page"),
    "next": ("Sau", "Next"),
    "prev": ("Trước", "Previous"),
    "showing": ("Hiển thị", "Showing"),
    "of": ("trên", "of"),
    "lang_switch": ("English", "Tiếng Việt"),
    "id": ("Mã", "Id"),
    "title": ("Tiêu đề", "Title"),
    "untitled": ("(không có tiêu đề)", "(untitled)"),
    "name": ("Tên", "Name"),
    "count": ("Số lần", "Count"),
    "qualifier": ("Mức", "Qualifier"),
    "reference_date": ("Ngày tham chiếu", "Reference date"),
    "api": ("API JSON", "JSON API"),
    "source_1": ("nguồn", "source"),
    "basis_metadata": ("theo ngày đăng", "from the publication date"),
    "basis_dateline": ("theo dòng ngày tháng trong bài", "from the article's dateline"),
    "basis_inferred": ("suy ra từ nội dung", "inferred from the text"),
    "basis_none": ("không rõ", "unknown"),
    "no_events_filtered": (
        "Không có sự kiện nào khớp bộ lọc. Thử nới khoảng thời gian hoặc bỏ lọc.",
        "No events match these filters. Try a wider date range, or clear the filters.",
    ),
    "who_hint": ("Ai (người, tổ chức)", "Who (person, organisation)"),
    "date_hint": ("vd. 2025-07", "e.g. 2025-07"),
    "date_hint_end": ("vd. 2026-12-31", "e.g. 2026-12-31"),
    "normalised": ("giá trị chuẩn hóa", "normalised value"),
    "conflicts_hint": (
        "Hai nguồn đưa ra hai con số khác nhau cho cùng một chỉ số, đối tượng và kỳ.",
        "Two sources give different figures for the same measure, subject and period.",
    ),
    "series_hint": (
        "Các chỉ số được nêu cho nhiều kỳ; di chuột vào một điểm để xem giá trị.",
        "Measures reported for several periods; hover over a point to see its value.",
    ),
    "on_this_page": ("Trên trang này", "On this page"),
    "all_facts": ("Bảng số liệu", "All figures"),
    "hover_hint": (
        "Di chuột (hoặc chạm) vào phần được tô để xem giá trị chuẩn hóa.",
        "Hover over (or tap) a highlight to see its normalised value.",
    ),
    "evidence_marker": ("Câu này là dẫn chứng cho một sự kiện", "This sentence is evidence for an event"),
}

EVENT_TYPES: dict[str, tuple[str, str]] = {
    "meeting": ("Hội kiến, hội đàm", "Meeting"),
    "phone_call": ("Điện đàm", "Phone call"),
    "visit": ("Thăm, công tác", "Visit"),
    "arrival": ("Đến", "Arrival"),
    "reception": ("Tiếp", "Reception"),
    "signing": ("Ký kết", "Signing"),
    "speech": ("Phát biểu", "Speech"),
    "dialogue": ("Đối thoại", "Dialogue"),
    "agreement": ("Thỏa thuận", "Agreement"),
    "announcement": ("Công bố", "Announcement"),
    "statement": ("Tuyên bố", "Statement"),
    "other": ("Khác", "Other"),
}

ENTITY_TYPES: dict[str, tuple[str, str]] = {
    "PER": ("Người", "Person"),
    "ORG": ("Tổ chức", "Organisation"),
    "LOC": ("Địa điểm", "Location"),
    "GPE": ("Quốc gia, địa phương", "Country or region"),
    "EVENT": ("Sự kiện", "Event"),
    "OTHER": ("Khác", "Other"),
}

QUALIFIERS: dict[str, tuple[str, str]] = {
    "about": ("khoảng", "about"),
    "over": ("hơn", "over"),
    "under": ("dưới", "under"),
    "nearly": ("gần", "nearly"),
    "at least": ("ít nhất", "at least"),
    "at most": ("nhiều nhất", "at most"),
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PARTS = {"MO": ("sáng", "morning"), "AF": ("chiều", "afternoon"), "MD": ("trưa", "noon")}
_PARTS |= {"EV": ("tối", "evening"), "NI": ("đêm", "night")}
_SCALES_VI = ((1e12, "nghìn tỷ"), (1e9, "tỷ"), (1e6, "triệu"), (1e3, "nghìn"))
_SCALES_EN = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


class Labels:
    """Label lookup for one language, usable in templates as ``t('key')``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else "vi"
        self._i = 1 if self.lang == "en" else 0

    def __call__(self, key: str) -> str:
        pair = LABELS.get(key)
        return pair[self._i] if pair else key

    def sources(self, n: int) -> str:
        """``3 nguồn`` / ``1 source``, ``3 sources``: Vietnamese has no plural, English does."""
        return f"{n} {self('source_1') if n == 1 else self('sources_n')}"

    def basis(self, value: str | None) -> str:
        """How the article's reference date was found, in words rather than the stored code."""
        return self(f"basis_{value or 'none'}")

    def unit(self, unit: str | None) -> str:
        """A unit as a reader says it; empty for plain counts (the counted noun is in the measure)."""
        if not unit or unit == "count":
            return ""
        if unit == "times":
            return "times" if self._i else "lần"
        if unit == "rank":
            return "rank" if self._i else "thứ hạng"
        return unit

    def event_type(self, t: str) -> str:
        pair = EVENT_TYPES.get(t)
        return pair[self._i] if pair else t

    def entity_type(self, t: str) -> str:
        pair = ENTITY_TYPES.get(t)
        return pair[self._i] if pair else t

    def month(self, year: str | None, month: str | None) -> str:
        if year is None:
            return self("undated")
        if month is None:
            return f"{self('year')} {year}"
        if self._i:
            return f"{_MONTHS_EN[int(month) - 1]} {year}"
        return f"Tháng {int(month)}/{year}"

    def date(self, value: str | None, mod: str | None = None) -> str:
        """A TIMEX3 value at its own precision: ``18/2/2026``, ``tháng 7/2025``, ``chiều 13/2/2026``."""
        if not value:
            return self("undated")
        text = self._date(value)
        if mod and mod in mod_labels():
            text = f"{mod_labels()[mod][self._i]} {text}"
        return text

    def _date(self, value: str) -> str:
        en = bool(self._i)
        base, _, tail = value.partition("T")
        part = _PARTS.get(tail)
        parts = base.split("-")
        y = parts[0]
        year_known = y.isdigit()
        period = period_labels().get(parts[1]) if len(parts) == 2 else None
        if period is not None and year_known:
            text = f"{period[1]} {y}" if en else f"{period[0]} {y}"
        elif len(parts) >= 2 and parts[1].startswith("Q") and year_known:
            text = f"Q{parts[1][1:]} {y}" if en else f"quý {parts[1][1:]}/{y}"
        elif len(parts) >= 2 and parts[1][:1] == "W" and parts[1][1:].isdigit() and year_known:
            text = f"week {parts[1][1:]}, {y}" if en else f"tuần {int(parts[1][1:])}/{y}"
        elif len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            d, m = int(parts[2]), int(parts[1])
            if en:
                text = f"{d} {_MONTHS_EN[m - 1]} {y}" if year_known else f"{d} {_MONTHS_EN[m - 1]}"
            else:
                text = f"{d}/{m}/{y}" if year_known else f"{d}/{m}"
        elif len(parts) == 2 and parts[1].isdigit():
            m = int(parts[1])
            if en:
                text = f"{_MONTHS_EN[m - 1]} {y}" if year_known else _MONTHS_EN[m - 1]
            else:
                text = f"tháng {m}/{y}" if year_known else f"tháng {m}"
        elif len(parts) == 1 and year_known:
            text = y if en else f"năm {y}"
        else:
            return value
        if part:
            text = f"{part[self._i]} {text}" if not en else f"{text}, {part[1]}"
        elif tail and ":" in tail:
            text = f"{tail} {text}" if not en else f"{text}, {tail}"
        return text

    def number(self, v: float) -> str:
        if self._i:
            for scale, word in _SCALES_EN:
                if abs(v) >= scale:
                    return f"{_plain(v / scale, en=True)} {word}"
            return _plain(v, en=True)
        for scale, word in _SCALES_VI:
            if abs(v) >= scale and abs(v) >= 1e6:
                return f"{_plain(v / scale, en=False)} {word}"
        return _plain(v, en=False)

    def fact_value(
        self, value: float, unit: str, *, value_end: float | None = None, qualifier: str | None = None,
        counted: str | None = None, rank_of: int | None = None,
    ) -> str:  # fmt: skip
        """A figure with its unit and qualifier: ``khoảng 15,8 tỷ USD``, ``28,6%``, ``thứ 11/108``."""
        if unit == "rank":
            text = (f"#{int(value)}" if self._i else f"thứ {int(value)}") + (f"/{rank_of}" if rank_of else "")
        else:
            text = self.number(value)
            if value_end is not None:
                text += f"–{self.number(value_end)}"
            if unit == "%":
                text += "%"
            elif unit == "count":
                text += f" {counted}" if counted else ""
            elif unit == "times":
                text += " times" if self._i else " lần"
            else:
                text += f" {unit}"
        if qualifier and qualifier in QUALIFIERS:
            text = f"{QUALIFIERS[qualifier][self._i]} {text}"
        return text


def _plain(v: float, *, en: bool) -> str:
    if float(v).is_integer():
        s = f"{int(v):,}"
        return s if en else s.replace(",", ".")
    s = f"{v:,.2f}".rstrip("0").rstrip(".")
    return s if en else s.replace(",", " ").replace(".", ",").replace(" ", ".")


def sortable_date(value: str | None) -> str:
    b = date_bounds(value)
    return b[0] if b else ""
