"""A realistic demo data set: several sessions of the 15th NA and the 16th NA's first two,
a few hundred items across the ministry's units, every state represented.

It reproduces the seed's picture (../shared/seeds/000, the briefing of 02/11/2024): as of
31/10/2024 all 129 recommendations sent before and after the 7th session are replied, and
nothing at all (no recommendation, no question) has come in yet for the 8th session.
Everything goes through the service layer, so demo items obey the same rules as typed ones.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from tracker import clock
from tracker.dates import END_OF_TIME
from tracker.errors import InvalidInput
from tracker.items import Kind, Phase, Reply, Result
from tracker.permissions import SYSTEM, Action, Actor, require
from tracker.service import Filters, ItemDraft, Tracker
from tracker.sessions import SessionRef

# The centrally-run cities are "thành phố", not "tỉnh" (Resolution 202/2025/QH15 on the
# provincial-level units: 28 provinces and these six cities).
CITIES = frozenset({"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "TP. Hồ Chí Minh"})
PROVINCES = (
    "Hà Nội",
    "TP. Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Đắk Lắk",
    "Lâm Đồng",
    "Khánh Hòa",
    "Đồng Nai",
    "Tây Ninh",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Cà Mau",
    "Lào Cai",
    "Tuyên Quang",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Sơn La",
    "Điện Biên",
    "Lai Châu",
    "Lạng Sơn",
    "Cao Bằng",
)

# (topic, lead unit(s) by era, summary templates)
TOPICS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Tiền lương",
        ("VTL", "TLBHXH"),
        (
            "Đề nghị sớm thực hiện cải cách chính sách tiền lương theo Nghị quyết 27-NQ/TW, điều chỉnh lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
            "Cử tri kiến nghị nâng phụ cấp thâm niên cho giáo viên, nhân viên y tế cơ sở công tác ở vùng khó khăn.",
            "Đề nghị xem xét chế độ phụ cấp công vụ đối với cán bộ, công chức cấp xã sau khi sắp xếp.",
        ),
    ),
    (
        "Sắp xếp đơn vị hành chính",
        ("CQĐP",),
        (
            "Đề nghị có chính sách giải quyết số cán bộ, công chức dôi dư sau sắp xếp đơn vị hành chính cấp huyện, cấp xã.",
            "Cử tri đề nghị hướng dẫn việc bố trí trụ sở làm việc sau khi hợp nhất các xã.",
            "Kiến nghị quy định rõ lộ trình giải quyết chế độ cho người hoạt động không chuyên trách ở thôn, tổ dân phố sau sáp nhập.",
        ),
    ),
    (
        "Biên chế",
        ("TCBC",),
        (
            "Đề nghị bổ sung biên chế giáo viên cho các địa phương thiếu giáo viên mầm non, tiểu học.",
            "Kiến nghị giao biên chế y tế phù hợp quy mô dân số tại các trạm y tế xã.",
        ),
    ),
    (
        "Cán bộ, công chức, viên chức",
        ("CCVC",),
        (
            "Đề nghị sửa đổi quy định về thi nâng ngạch công chức, thăng hạng viên chức theo hướng xét thăng hạng.",
            "Cử tri kiến nghị có chính sách thu hút người có tài năng vào khu vực công.",
            "Đề nghị hướng dẫn chuyển đổi chức danh nghề nghiệp viên chức ngành văn hóa cơ sở.",
        ),
    ),
    (
        "Cán bộ không chuyên trách cấp xã",
        ("CQĐP",),
        (
            "Đề nghị tăng mức phụ cấp cho người hoạt động không chuyên trách ở cấp xã và ở thôn, tổ dân phố.",
            "Kiến nghị có chế độ bảo hiểm xã hội bắt buộc cho người hoạt động không chuyên trách ở cấp xã.",
        ),
    ),
    (
        "Cải cách hành chính",
        ("CCHC",),
        (
            "Đề nghị đẩy mạnh cải cách thủ tục hành chính, giảm giấy tờ khi người dân thực hiện dịch vụ công trực tuyến.",
            "Cử tri phản ánh chỉ số hài lòng của người dân chưa phản ánh đúng chất lượng phục vụ tại bộ phận một cửa.",
        ),
    ),
    (
        "Thi đua, khen thưởng",
        ("TĐKT",),
        (
            "Đề nghị xem xét khen thưởng cho các cá nhân có thành tích trong phòng, chống thiên tai tại địa phương.",
            "Kiến nghị đơn giản hóa hồ sơ đề nghị tặng danh hiệu Bà mẹ Việt Nam anh hùng.",
        ),
    ),
    (
        "Văn thư, lưu trữ",
        ("VTLNN",),
        ("Đề nghị hướng dẫn số hóa tài liệu lưu trữ cấp huyện trước khi kết thúc hoạt động.",),
    ),
    (
        "Hội, quỹ",
        ("TCPCP",),
        ("Đề nghị sửa đổi Nghị định về tổ chức, hoạt động và quản lý hội, quỹ xã hội, quỹ từ thiện.",),
    ),
    (
        "Thanh niên, bình đẳng giới",
        ("TNBĐG",),
        (
            "Đề nghị có chính sách hỗ trợ thanh niên khởi nghiệp ở vùng nông thôn.",
            "Cử tri kiến nghị tăng cường các biện pháp bảo đảm bình đẳng giới trong bổ nhiệm cán bộ nữ.",
        ),
    ),
    ("Tôn giáo", ("BTGCP",), ("Đề nghị hướng dẫn thủ tục đăng ký sinh hoạt tôn giáo tập trung cho người nước ngoài.",)),
    (
        "Bảo hiểm xã hội",
        ("TLBHXH",),
        (
            "Đề nghị có giải pháp hạn chế tình trạng người lao động rút bảo hiểm xã hội một lần.",
            "Kiến nghị nâng mức lương hưu cho người nghỉ hưu trước năm 1995.",
        ),
    ),
    (
        "Việc làm",
        ("VL",),
        (
            "Đề nghị hỗ trợ việc làm cho lao động mất việc tại các khu công nghiệp.",
            "Kiến nghị sửa đổi quy định về trợ cấp thất nghiệp cho lao động tự do.",
        ),
    ),
    (
        "Người có công",
        ("NCC",),
        (
            "Đề nghị giải quyết hồ sơ tồn đọng xác nhận người có công với cách mạng.",
            "Cử tri đề nghị nâng mức trợ cấp ưu đãi đối với thân nhân liệt sĩ.",
        ),
    ),
)

DEPUTIES = (
    ("Nguyễn Thị Minh Hà", "Đoàn ĐBQH tỉnh Nghệ An"),
    ("Trần Văn Khải", "Đoàn ĐBQH tỉnh Hà Nam"),
    ("Lê Thị Thu Hương", "Đoàn ĐBQH TP. Hồ Chí Minh"),
    ("Phạm Đức Long", "Đoàn ĐBQH tỉnh Thanh Hóa"),
    ("Hoàng Văn Cường", "Đoàn ĐBQH TP. Hà Nội"),
    ("Đặng Thị Mai", "Đoàn ĐBQH tỉnh Quảng Ninh"),
)
SIGNERS = ("Thứ trưởng Trần Minh Khoa", "Thứ trưởng Lê Văn Bình", "Bộ trưởng", "Thứ trưởng Nguyễn Thu Trang")
ROADMAPS = (
    "Trình Chính phủ sửa đổi Nghị định trong quý IV",
    "Tổng kết thực hiện, đề xuất sửa đổi Luật trong năm tới",
    "Phối hợp Bộ Tài chính xây dựng đề án, trình cấp có thẩm quyền",
)

# (session code, kind, phase, how many, received on, share replied by now)
PLAN: tuple[tuple[str, Kind, Phase, int, date, float], ...] = (
    ("15/6", Kind.VOTER_RECOMMENDATION, Phase.AFTER, 30, date(2024, 1, 22), 1.0),
    ("15/6", Kind.DEPUTY_QUESTION, Phase.AT_SESSION, 8, date(2023, 11, 3), 1.0),
    ("15/7", Kind.VOTER_RECOMMENDATION, Phase.BEFORE, 54, date(2024, 5, 27), 1.0),
    ("15/7", Kind.VOTER_RECOMMENDATION, Phase.AFTER, 75, date(2024, 8, 12), 1.0),
    ("15/7", Kind.DEPUTY_QUESTION, Phase.AT_SESSION, 10, date(2024, 6, 6), 1.0),
    # Seed 000: nothing received for the 8th session by 31/10/2024.
    ("15/8", Kind.VOTER_RECOMMENDATION, Phase.BEFORE, 40, date(2024, 11, 4), 0.95),
    ("15/8", Kind.VOTER_RECOMMENDATION, Phase.AFTER, 35, date(2025, 1, 20), 0.9),
    ("15/9", Kind.VOTER_RECOMMENDATION, Phase.AFTER, 30, date(2025, 8, 4), 0.9),
    ("15/9", Kind.DEPUTY_QUESTION, Phase.BETWEEN_SESSIONS, 8, date(2025, 7, 14), 0.85),
    ("15/10", Kind.VOTER_RECOMMENDATION, Phase.BEFORE, 25, date(2025, 10, 27), 0.85),
    ("15/10", Kind.DEPUTY_QUESTION, Phase.AT_SESSION, 10, date(2025, 11, 10), 0.9),
    ("16/1", Kind.VOTER_RECOMMENDATION, Phase.AFTER, 30, date(2026, 6, 15), 0.7),
    ("16/1", Kind.DEPUTY_QUESTION, Phase.BETWEEN_SESSIONS, 8, date(2026, 8, 10), 0.6),
    ("16/2", Kind.VOTER_RECOMMENDATION, Phase.BEFORE, 25, date(2026, 10, 26), 0.3),
    ("16/2", Kind.DEPUTY_QUESTION, Phase.AT_SESSION, 8, date(2026, 11, 9), 0.2),
)

# Seed 000: by the briefing's date every recommendation of the 7th session had been answered, so
# late replies to them are dated no later than that.
ALL_REPLIED_BY = {"15/7": date(2024, 10, 31)}


def voters_of(locality: str) -> str:
    """ "Cử tri tỉnh Nghệ An", "Cử tri thành phố Hà Nội", "Cử tri TP. Hồ Chí Minh"."""
    if locality.startswith("TP. "):
        return f"Cử tri {locality}"
    return f"Cử tri {'thành phố' if locality in CITIES else 'tỉnh'} {locality}"


def load_demo(tracker: Tracker, seed: int = 7, today: date | None = None, actor: Actor = SYSTEM) -> int:
    """Load the demo set into an empty register; returns how many items were created."""
    require(actor, Action.LOAD_DEMO)
    today = today or clock.today()
    if tracker.search(Filters(), END_OF_TIME, limit=1).total:
        raise InvalidInput("error.demo_not_empty")
    rng = random.Random(seed)
    ref = tracker.reference
    made = 0
    numbers: dict[int, int] = {}
    for code, kind, phase, count, start, share_replied in PLAN:
        session = ref.session_by_ref(SessionRef.parse(code))
        for n in range(count):
            received = start + timedelta(days=rng.randint(0, 12))
            if received > today:
                continue
            topic, leads, summaries = rng.choice(TOPICS)
            active = [u for u in leads if (unit := ref.unit(u)) and unit.is_active_on(received)]
            lead = active[0] if active else "VP"
            others = [u.code for u in ref.units if u.is_active_on(received) and u.code not in (lead, "VP")]
            coordinating = tuple(rng.sample(others, k=rng.choice((0, 0, 1, 2))))
            sources: tuple[str, ...]
            if kind == Kind.DEPUTY_QUESTION:
                deputy, delegation = rng.choice(DEPUTIES)
                sources, who = (delegation,), deputy
                ref_no = f"{rng.randint(100, 999)}/TTKQH-TH"
            else:
                sources = tuple(voters_of(p) for p in rng.sample(PROVINCES, k=rng.choice((1, 1, 2, 3))))
                who = ""
                ref_no = f"{rng.randint(1000, 9999)}/BDN-{code.replace('/', '.')}-{n + 1}"
            item_id = tracker.create_item(
                actor,
                ItemDraft(
                    kind=kind,
                    session_id=session.id,
                    phase=phase,
                    received_on=received,
                    summary=rng.choice(summaries),
                    ref_no=ref_no,
                    sources=sources,
                    deputy=who,
                    full_text="",
                    topic=topic,
                    lead_unit=lead,
                    coordinating_units=coordinating,
                ),
            )
            made += 1
            item = tracker.get_item(item_id)
            if rng.random() < 0.03 and share_replied < 1.0:
                on = min(received + timedelta(days=rng.randint(3, 15)), today)
                # The Petition Committee's name changed on 18/2/2025 (Resolution 178/2025/QH15).
                body = "Ban Dân nguyện" if on < date(2025, 2, 18) else "Ủy ban Dân nguyện và Giám sát của Quốc hội"
                tracker.transfer(
                    actor, item_id, item.version, on, f"Không thuộc thẩm quyền của Bộ Nội vụ; chuyển {body}"
                )
                continue
            if rng.random() > share_replied:
                if rng.random() < 0.5:
                    tracker.record_progress(actor, item_id, "Đơn vị đang tổng hợp ý kiến, dự thảo văn bản trả lời.")
                continue
            period = (item.due_on - received).days
            late = rng.random() < 0.12
            responded = received + timedelta(
                days=rng.randint(period + 1, period + 25) if late else rng.randint(5, period)
            )
            if code in ALL_REPLIED_BY and kind == Kind.VOTER_RECOMMENDATION:
                responded = min(responded, ALL_REPLIED_BY[code])
            if responded > today:
                continue
            result = rng.choices((Result.EXPLAINED, Result.RESOLVED, Result.BEING_RESOLVED), weights=(70, 12, 18))[0]
            numbers[responded.year] = numbers.get(responded.year, 100) + rng.randint(1, 40)
            tracker.record_reply(
                actor,
                item_id,
                item.version,
                Reply(
                    response_no=f"{numbers[responded.year]}/BNV-{lead}",
                    responded_on=responded,
                    signer=rng.choice(SIGNERS),
                    summary="Bộ Nội vụ đã trả lời, giải trình cụ thể nội dung kiến nghị và hướng giải quyết.",
                    result=result,
                    roadmap=rng.choice(ROADMAPS) if result == Result.BEING_RESOLVED else "",
                    committed_on=responded + timedelta(days=180) if result == Result.BEING_RESOLVED else None,
                    late_reason="Cần xin ý kiến các bộ, ngành liên quan" if responded > item.due_on else "",
                ),
            )
    return made
