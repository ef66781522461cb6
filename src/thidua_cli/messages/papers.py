"""Texts of the papers (always Vietnamese on paper; English for reference), of `papers`, and
what the printed workbooks say where the console would name an option."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the state's layout (Nghị định 30/2020/NĐ-CP) ----------------------------------------
    "paper.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "paper.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "paper.number": ("Số: {number}/{symbol}", "No.: {number}/{symbol}"),
    "paper.date_line": (
        "{place}, ngày {day} tháng {month} năm {year}",
        "{place}, {day}/{month}/{year}",
    ),
    "paper.addressee": ("Kính gửi: {to}.", "To: {to}."),
    "paper.recipients": ("Nơi nhận:", "Recipients:"),
    "paper.recipient.archive": ("Lưu: VT", "File: records office"),
    "paper.recipient.above": ("Như trên", "As above"),
    "paper.recipient.cluster_office": ("Thường trực Cụm thi đua", "The cluster's standing office"),
    "paper.recipient.units": ("Các đơn vị trong Cụm", "The cluster's units"),
    "paper.recipient.council": (
        "Hội đồng Thi đua - Khen thưởng {parent} (để báo cáo)",
        "The emulation council of {parent} (for information)",
    ),
    "paper.hint.seal": ("(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name, seal)"),
    "paper.hint.name": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    "paper.attendee": ("- Ông (Bà): ", "- Mr/Ms: "),
    "paper.draft": (
        "DỰ THẢO — Hội nghị Cụm chưa suy tôn; đơn vị dẫn đầu theo điểm Cụm chấm",
        "DRAFT — the cluster meeting has not voted; the leading unit on the cluster's scores",
    ),
    "paper.draft.government": (
        "DỰ THẢO — còn Cụm thi đua chưa suy tôn đơn vị nhất Cụm",
        "DRAFT — a cluster has not elected its leading unit yet",
    ),
    "paper.period.year": ("năm {year}", "of {year}"),
    "paper.period.half": ("6 tháng đầu năm {year}", "for the first half of {year}"),
    "paper.section": ("Phần {code}. {title}", "Part {code}. {title}"),
    "paper.grand_total": ("TỔNG CỘNG", "GRAND TOTAL"),
    "paper.col.no": ("STT", "No."),
    "paper.col.code": ("Mã", "Code"),
    "paper.col.criterion": ("Nội dung, tiêu chí thi đua", "Criterion"),
    "paper.col.max": ("Điểm tối đa", "Max"),
    "paper.col.own": ("Đơn vị tự chấm", "Self"),
    "paper.col.self_total": ("Tự chấm", "Self"),
    "paper.col.cluster": ("Cụm chấm", "Cluster"),
    "paper.col.difference": ("Chênh lệch", "Difference"),
    "paper.col.rank": ("Hạng", "Rank"),
    "paper.col.unit": ("Đơn vị", "Unit"),
    "paper.col.section": ("Phần {code}", "Part {code}"),
    "paper.col.status": ("Tình trạng", "Status"),
    "paper.col.attendee": ("Họ và tên, chức vụ người dự", "Name and position of the attendee"),
    "paper.col.votes": ("Số phiếu bầu", "Votes"),
    "paper.col.cluster_name": ("Cụm thi đua", "Cluster"),
    "paper.col.note": ("Ghi chú", "Note"),
    "paper.signer.unit_head": ("THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF UNIT"),
    "paper.signer.scoring_team": ("ĐẠI DIỆN TỔ CHẤM ĐIỂM CỤM", "FOR THE CLUSTER'S SCORING TEAM"),
    "paper.signer.secretary": ("THƯ KÝ", "SECRETARY"),
    "paper.signer.chair": ("CHỦ TRÌ", "CHAIR"),
    "paper.signer.cluster": ("TM. CỤM THI ĐUA", "FOR THE EMULATION CLUSTER"),
    "paper.signer.cluster_head": ("CỤM TRƯỞNG", "CLUSTER HEAD"),
    "paper.signer.council": ("TM. HỘI ĐỒNG", "FOR THE COUNCIL"),
    "paper.signer.council_chair": ("CHỦ TỊCH", "CHAIR"),
    "paper.signer.head_unit": ("(Thủ trưởng {unit})", "(Head of {unit})"),
    # --- Biên bản kiểm tra, đối chiếu thống nhất điểm ----------------------------------------
    "paper.verification.kind": ("Biên bản", "Minutes"),
    "paper.verification.subject": (
        "Kiểm tra, đối chiếu thống nhất điểm thi đua {period}",
        "Verification and agreement of the emulation points {period}",
    ),
    "paper.verification.opening": (
        "Hôm nay, vào hồi … giờ … ngày … tháng … năm ……, tại ……………, Tổ chấm điểm "
        "của {cluster} tiến hành kiểm tra, đối chiếu thống nhất điểm thi đua của {unit}.",
        "Today, at … on …, at ……, the scoring team of {cluster} checked and agreed the "
        "emulation points of {unit}.",
    ),
    "paper.verification.attendance": ("I. THÀNH PHẦN", "I. PRESENT"),
    "paper.verification.team": (
        "1. Đại diện Tổ chấm điểm của Cụm:",
        "1. For the cluster's scoring team:",
    ),
    "paper.verification.unit": ("2. Đại diện {unit}:", "2. For {unit}:"),
    "paper.verification.content": ("II. NỘI DUNG", "II. CONTENT"),
    "paper.verification.basis": (
        "Căn cứ nội dung, tiêu chí thi đua theo {document}, hai bên đã kiểm tra, đối chiếu "
        "điểm đơn vị tự chấm và điểm Cụm chấm của từng tiêu chí. Kết quả như sau (chênh lệch "
        "= điểm đơn vị tự chấm − điểm Cụm chấm):",
        "Following the criteria of {document}, both parties checked the unit's and the "
        "cluster's points of every criterion. The result (difference = self − cluster):",
    ),
    "paper.verification.totals": (
        "Tổng điểm đơn vị tự chấm: {own}; tổng điểm Cụm chấm: {cluster}; chênh lệch: {difference}.",
        "Self total: {own}; cluster total: {cluster}; difference: {difference}.",
    ),
    "paper.verification.no_dispute": (
        "Điểm đơn vị tự chấm và điểm Cụm chấm thống nhất ở mọi tiêu chí.",
        "The unit's and the cluster's points agree on every criterion.",
    ),
    "paper.verification.disputed": (
        "Các tiêu chí còn chênh lệch điểm giữa đơn vị tự chấm và Cụm chấm ({count} tiêu chí):",
        "Criteria whose points still differ between the unit and the cluster ({count}):",
    ),
    "paper.verification.disputed_line": (
        "- Tiêu chí {code}: đơn vị tự chấm {own}, Cụm chấm {cluster}, chênh lệch {difference};",
        "- Criterion {code}: self {own}, cluster {cluster}, difference {difference};",
    ),
    "paper.verification.unit_opinion": (
        "Ý kiến của đơn vị: ",
        "The unit's opinion: ",
    ),
    "paper.verification.lock": (
        "Số liệu trên là số liệu Cụm đã khóa sau khi đối chiếu (tệp khóa số liệu lập ngày "
        "{day}, mã kiểm tra {digest}). Mọi điều chỉnh số liệu sau khi đối chiếu thống nhất "
        "điểm, đơn vị không được xét thi đua.",
        "These are the figures the cluster locked after the verification (lock file of "
        "{day}, digest {digest}). A unit that changes its figures after the verification is "
        "not considered.",
    ),
    "paper.verification.closing": (
        "Biên bản kết thúc vào hồi … giờ … cùng ngày, đã được đọc lại cho các thành phần "
        "tham dự cùng nghe, thống nhất ký tên.",
        "The minutes closed at … the same day, were read to those present and signed.",
    ),
    "paper.verification.unit_side": ("ĐẠI DIỆN {unit}", "FOR {unit}"),
    # --- Biên bản hội nghị tổng kết (sơ kết) Cụm --------------------------------------------
    "paper.meeting.subject.year": (
        "Hội nghị tổng kết công tác thi đua {period} của {cluster}",
        "Year-end emulation meeting {period} of {cluster}",
    ),
    "paper.meeting.subject.half": (
        "Hội nghị sơ kết công tác thi đua {period} của {cluster}",
        "Half-year emulation review {period} of {cluster}",
    ),
    "paper.meeting.day": (
        "ngày {day} tháng {month} năm {year}",
        "{day}/{month}/{year}",
    ),
    "paper.meeting.time": ("Thời gian: vào hồi … giờ …, {day}.", "Time: at …, {day}."),
    "paper.meeting.place": ("Địa điểm: ", "Place: "),
    "paper.meeting.attendance": ("I. THÀNH PHẦN THAM DỰ", "I. PRESENT"),
    "paper.meeting.council_member": (
        "1. Thành viên Hội đồng Thi đua - Khen thưởng phụ trách Cụm:",
        "1. The emulation council's member in charge of the cluster:",
    ),
    "paper.meeting.leaders": (
        "2. Đại diện lãnh đạo cấp ủy của đơn vị Cụm trưởng ({head}) và đơn vị Cụm phó ({deputy}):",
        "2. For the leadership of the head unit ({head}) and the deputy unit ({deputy}):",
    ),
    "paper.meeting.members": (
        "3. Chủ tịch Hội đồng Thi đua - Khen thưởng, lãnh đạo và cán bộ làm công tác thi đua, "
        "khen thưởng của các đơn vị trong Cụm:",
        "3. The chairs of the units' emulation councils and their emulation staff:",
    ),
    "paper.meeting.chair": ("Chủ trì Hội nghị: ", "Chair: "),
    "paper.meeting.secretary": ("Thư ký Hội nghị: ", "Secretary: "),
    "paper.meeting.content": ("II. NỘI DUNG", "II. CONTENT"),
    "paper.meeting.results": (
        "1. Kết quả chấm điểm, xếp hạng thi đua của các đơn vị",
        "1. The units' scores and ranking",
    ),
    "paper.meeting.results_basis": (
        "Căn cứ kết quả kiểm tra, đối chiếu thống nhất điểm, Thường trực Cụm thông báo kết quả "
        "chấm điểm của các đơn vị; xếp hạng theo tổng điểm Cụm chấm, bằng điểm thì cùng hạng "
        "(chênh lệch = điểm đơn vị tự chấm − điểm Cụm chấm):",
        "Following the verification, the cluster's office reports the units' scores; ranked "
        "on the cluster's totals, equal totals share a rank (difference = self − cluster):",
    ),
    "paper.meeting.not_ranked": (
        "2. Các đơn vị không xét thi đua, chưa xét thi đua, chưa đủ số liệu",
        "2. Units excluded, deferred or incomplete",
    ),
    "paper.meeting.none": ("Không có.", "None."),
    "paper.meeting.not_ranked_line": (
        "- {unit}: {status} — {reasons}.",
        "- {unit}: {status} — {reasons}.",
    ),
    "paper.meeting.half_year": (
        "Sơ kết 6 tháng: không suy tôn, không đề nghị khen thưởng; kết quả trên để các đơn vị "
        "nắm tiến độ thực hiện.",
        "Half-year review: no election, no proposal; the results above show the units' progress.",
    ),
    "paper.meeting.vote": (
        "3. Suy tôn (bầu) 01 đơn vị nhất Cụm",
        "3. Election of the cluster's leading unit",
    ),
    "paper.meeting.no_candidate": (
        "Không có đơn vị đủ điều kiện xét thi đua; Hội nghị không suy tôn.",
        "No unit is eligible; the meeting elects no one.",
    ),
    "paper.meeting.vote_basis": (
        "Hội nghị suy tôn (bầu) đơn vị nhất Cụm trong các đơn vị được xét thi đua:",
        "The meeting elects the leading unit among the eligible units:",
    ),
    "paper.meeting.ballots": (
        "Số phiếu phát ra: …… ; số phiếu thu về: …… ; số phiếu hợp lệ: ",
        "Ballots issued: …… ; returned: …… ; valid: ",
    ),
    "paper.meeting.result": ("Kết quả: ", "Result: "),
    "paper.meeting.elected": (
        " được Hội nghị suy tôn là đơn vị nhất Cụm.",
        " is elected the cluster's leading unit.",
    ),
    "paper.meeting.elected_votes": (
        " được Hội nghị suy tôn là đơn vị nhất Cụm với {votes} phiếu.",
        " is elected the cluster's leading unit with {votes} votes.",
    ),
    "paper.meeting.leader": (
        "Đơn vị dẫn đầu theo tổng điểm Cụm chấm: {unit}, {total} điểm (chưa suy tôn).",
        "Leading unit on the cluster's totals: {unit}, {total} points (not yet elected).",
    ),
    "paper.meeting.tie": (
        "Các đơn vị bằng tổng điểm Cụm chấm: {units}; Hội nghị suy tôn 01 đơn vị.",
        "Units tied on the cluster's total: {units}; the meeting elects one.",
    ),
    "paper.meeting.elected_blank": (
        "Đơn vị được Hội nghị suy tôn nhất Cụm: ",
        "Unit elected by the meeting: ",
    ),
    "paper.meeting.proposal": ("4. Đề nghị khen thưởng", "4. Proposal"),
    "paper.meeting.proposal_for": (
        "Hội nghị thống nhất đề nghị tặng Cờ thi đua của UBND tỉnh cho đơn vị được suy tôn "
        "nhất Cụm: ",
        "The meeting proposes the provincial flag for the elected unit: ",
    ),
    "paper.meeting.next_roles": (
        "5. Giới thiệu Cụm trưởng, Cụm phó năm {year}",
        "5. The cluster head and deputy for {year}",
    ),
    "paper.meeting.next_head": ("Cụm trưởng: ", "Cluster head: "),
    "paper.meeting.next_deputy": ("Cụm phó: ", "Deputy: "),
    "paper.meeting.opinions": ("Ý kiến tại Hội nghị:", "Opinions at the meeting:"),
    "paper.meeting.closing": (
        "Hội nghị kết thúc vào hồi … giờ … cùng ngày. Biên bản đã được đọc lại và thông qua "
        "tại Hội nghị.",
        "The meeting closed at … the same day. The minutes were read and approved.",
    ),
    # --- Tờ trình đề nghị tặng Cờ thi đua -----------------------------------------------------
    "paper.proposal.kind": ("Tờ trình", "Submission"),
    "paper.basis.document": ("Căn cứ {document};", "Under {document};"),
    "paper.province.subject": (
        "Về việc đề nghị tặng Cờ thi đua của UBND tỉnh năm {year}",
        "Proposal of the provincial People's Committee flag for {year}",
    ),
    "paper.province.to": (
        "Hội đồng Thi đua - Khen thưởng {parent}",
        "The emulation council of {parent}",
    ),
    "paper.province.basis": (
        "Căn cứ kết quả chấm điểm thi đua và kết quả bình xét, suy tôn tại Hội nghị tổng kết "
        "công tác thi đua năm {year} của {cluster},",
        "Following the scores and the election at the {year} year-end meeting of {cluster},",
    ),
    "paper.province.request": (
        "{cluster} kính đề nghị Hội đồng Thi đua - Khen thưởng {parent} xem xét, trình Chủ "
        "tịch UBND tỉnh tặng Cờ thi đua của UBND tỉnh năm {year} cho:",
        "{cluster} asks the emulation council of {parent} to propose the provincial flag for "
        "{year} to:",
    ),
    "paper.province.elected": (
        "là đơn vị được Hội nghị Cụm suy tôn nhất Cụm; xếp hạng {rank} trong {eligible} đơn vị "
        "được xét thi đua, tổng điểm Cụm chấm {total} điểm. Kết quả chấm điểm:",
        "the unit the cluster meeting elected; ranked {rank} of {eligible} eligible units, "
        "cluster total {total}. Its scores:",
    ),
    "paper.province.leader": (
        "là đơn vị dẫn đầu theo tổng điểm Cụm chấm (Hội nghị Cụm chưa suy tôn); xếp hạng "
        "{rank} trong {eligible} đơn vị được xét thi đua, tổng điểm Cụm chấm {total} điểm. "
        "Kết quả chấm điểm:",
        "the leading unit on the cluster's totals (the meeting has not voted); ranked {rank} "
        "of {eligible} eligible units, cluster total {total}. Its scores:",
    ),
    "paper.province.attached": (
        "Hồ sơ kèm theo: Biên bản Hội nghị tổng kết Cụm; Biên bản kiểm tra, đối chiếu thống "
        "nhất điểm của đơn vị; Bảng tổng hợp kết quả chấm điểm thi đua của Cụm.",
        "Attached: the meeting's minutes; the unit's verification minutes; the cluster's "
        "score summary.",
    ),
    "paper.province.closing": (
        "Kính trình Hội đồng Thi đua - Khen thưởng {parent} xem xét, quyết định./.",
        "Submitted to the emulation council of {parent} for its decision.",
    ),
    "paper.government.issuer": ("Hội đồng Thi đua - Khen thưởng", "Emulation council"),
    "paper.government.subject": (
        "Về việc đề nghị tặng Cờ thi đua của Chính phủ năm {year}",
        "Proposal of the Government flag for {year}",
    ),
    "paper.government.to": ("Hội đồng Thi đua - Khen thưởng tỉnh", "The provincial council"),
    "paper.government.basis": (
        "Căn cứ kết quả bình xét, suy tôn của các Cụm thi đua {parent} năm {year}, Hội đồng "
        "Thi đua - Khen thưởng {parent} báo cáo và đề nghị như sau:",
        "Following the elections of the clusters of {parent} in {year}, its emulation council "
        "reports and proposes:",
    ),
    "paper.government.leaders": (
        "1. Các đơn vị được suy tôn nhất Cụm, đề nghị tặng Cờ thi đua của UBND tỉnh",
        "1. The clusters' elected units, proposed for the provincial flag",
    ),
    "paper.government.choice.elected": ("Đã suy tôn", "Elected"),
    "paper.government.choice.provisional": (
        "Dẫn đầu theo điểm, chưa suy tôn",
        "Leading on the scores, not yet elected",
    ),
    "paper.government.choice.undecided": ("Cụm chưa suy tôn", "Not decided"),
    "paper.government.cap": (
        "2. Số lượng đề nghị tặng Cờ thi đua của Chính phủ",
        "2. How many Government flags may be proposed",
    ),
    "paper.government.cap_rule": (
        "Số lượng đề nghị tặng Cờ thi đua của Chính phủ không quá 20% tổng số tập thể đạt tiêu "
        "chuẩn tặng Cờ thi đua của UBND tỉnh:",
        "No more than 20% of the collectives meeting the provincial flag standard:",
    ),
    "paper.government.cap_total": (
        "- Tổng số tập thể đạt tiêu chuẩn tặng Cờ thi đua của UBND tỉnh: ",
        "- Collectives meeting the provincial flag standard: ",
    ),
    "paper.government.cap_share": (
        "- 20% × {total} = {share}; số Cờ thi đua của Chính phủ được đề nghị tối đa: {allowed};",
        "- 20% × {total} = {share}; at most {allowed} Government flags;",
    ),
    "paper.government.cap_share_blank": (
        "- 20% × …… = …… ; số Cờ thi đua của Chính phủ được đề nghị tối đa: ",
        "- 20% × …… = …… ; at most: ",
    ),
    "paper.government.cap_proposed": (
        "- Số đề nghị: {count} (trong giới hạn {allowed}).",
        "- Proposed: {count} (within {allowed}).",
    ),
    "paper.government.cap_unchecked": (
        "(Chưa có tổng số tập thể đạt tiêu chuẩn tặng Cờ thi đua của UBND tỉnh: giới hạn 20% "
        "chưa được kiểm tra.)",
        "(The number of collectives meeting the provincial standard is not known: the 20% cap "
        "is not checked.)",
    ),
    "paper.government.request": ("3. Đề nghị", "3. Proposal"),
    "paper.government.request_for": (
        "Hội đồng Thi đua - Khen thưởng {parent} lựa chọn 01 đơn vị dẫn đầu trong các đơn vị "
        "nhất Cụm, kính đề nghị tặng Cờ thi đua của Chính phủ năm {year} cho: ",
        "The emulation council of {parent} chose one leading unit among the clusters' leaders "
        "and proposes the Government flag for {year} to: ",
    ),
    "paper.government.candidate": (
        " ({cluster}, tổng điểm Cụm chấm {total} điểm).",
        " ({cluster}, cluster total {total}).",
    ),
    "paper.government.undecided": (
        "Chưa xác định được đơn vị dẫn đầu: còn Cụm chưa suy tôn, các đơn vị nhất Cụm bằng "
        "điểm, hoặc vượt giới hạn 20%; Hội đồng lựa chọn và ghi vào dòng dưới.",
        "No leading unit yet: a cluster has not decided, the leaders tie, or the 20% cap is "
        "exceeded; the council chooses and writes it below.",
    ),
    "paper.government.closing": (
        "Kính trình Hội đồng Thi đua - Khen thưởng tỉnh xem xét, quyết định./.",
        "Submitted to the provincial emulation council for its decision.",
    ),
    # --- thidua papers: the command ----------------------------------------------------------
    "papers-other-rubric": (
        "Đơn vị {unit} được khóa với bộ tiêu chí {locked}, không phải {rubric}; dùng --criteria "
        "để chọn đúng bộ tiêu chí.",
        "Unit {unit} was locked with the rubric {locked}, not {rubric}; choose the right one "
        "with --criteria.",
    ),
    "papers-unknown-unit": (
        "Đơn vị {unit} không có trong danh sách đơn vị.",
        "Unit {unit} is not in the units file.",
    ),
    "papers-vote-not-eligible": (
        "Đơn vị {unit} không thuộc diện xét thi đua (xem thidua rank); không ghi phiếu bầu cho "
        "đơn vị này.",
        "Unit {unit} is not eligible (see thidua rank); it cannot receive votes.",
    ),
    "papers-vote-disagrees": (
        "Cụm {cluster}: đơn vị được suy tôn là {elected}, nhưng nhiều phiếu nhất là {votes}; "
        "kiểm tra lại số phiếu.",
        "Cluster {cluster}: the elected unit is {elected}, but {votes} has the most votes; "
        "check the counts.",
    ),
    "papers-votes-tied": (
        "Cụm {cluster}: {units} cùng được {votes} phiếu, nhiều nhất như nhau, nên Hội nghị chưa "
        "suy tôn được đơn vị nào; sau khi bầu lại, ghi số phiếu mới bằng --votes.",
        "Cluster {cluster}: {units} have {votes} votes each, the most, so the meeting has "
        "elected nobody yet; after the new vote, give its counts with --votes.",
    ),
    "papers-date-other-year": (
        "Ngày họp {date} (--date) không thể là ngày của {meeting}: kiểm tra lại năm.",
        "The meeting date {date} (--date) cannot be that of {meeting}: check the year.",
    ),
    "papers-role-twice": (
        "Cụm {cluster} được ghi hai {role}: {units}; chỉ ghi một.",
        "Cluster {cluster} is given two for {role}: {units}; give one.",
    ),
    "papers-head-and-deputy": (
        "Đơn vị {unit} được ghi vừa là Cụm trưởng vừa là Cụm phó năm sau; chọn hai đơn vị khác "
        "nhau (--next-head, --next-deputy).",
        "{unit} is given as both next year's head and deputy; choose two different units "
        "(--next-head, --next-deputy).",
    ),
    "papers-votes-twice": (
        "--votes ghi hai số phiếu cho {unit} ({first} và {then}); ghi số phiếu của đơn vị một lần.",
        "--votes gives {unit} two counts ({first} and {then}); give each unit's votes once.",
    ),
    "papers-bad-choice": (
        "{option} «{value}» không đúng dạng {form}.",
        "{option} «{value}» is not of the form {form}.",
    ),
    "papers-no-lock": (
        "Chưa có số liệu đã khóa: biên bản đối chiếu cần sổ thi đua (thidua lock) hoặc tệp khóa "
        "(--lock).",
        "No verified figures: the verification minutes need the record book (thidua lock) or a "
        "lock file (--lock).",
    ),
    "papers-exists": (
        "Không ghi đè {count} giấy tờ đã có (có thể đã được điền tay): {files}. Dùng --force "
        "để ghi đè.",
        "Not overwriting {count:~existing paper|existing papers} (they may have been filled "
        "in by hand): {files}. Use --force to overwrite.",
    ),
    "papers.role.head": ("Cụm trưởng", "head"),
    "papers.role.deputy": ("Cụm phó", "deputy"),
    "papers.written": (
        "Đã ghi {count} giấy tờ vào {path}:",
        "Wrote {count:~paper|papers} into {path}:",
    ),
    "papers.kind.verification": (
        "biên bản kiểm tra, đối chiếu thống nhất điểm: {count}",
        "verification minutes: {count}",
    ),
    "papers.kind.meeting": ("biên bản hội nghị Cụm: {count}", "meeting minutes: {count}"),
    "papers.kind.province_flag": (
        "tờ trình đề nghị Cờ thi đua của UBND tỉnh: {count}",
        "provincial flag proposals: {count}",
    ),
    "papers.kind.government_flag": (
        "tờ trình đề nghị Cờ thi đua của Chính phủ: {count}",
        "Government flag proposals: {count}",
    ),
    "papers.provisional": (
        "Cụm {cluster} chưa có kết quả suy tôn: tờ trình đề nghị Cờ của {unit} là DỰ THẢO "
        "(đơn vị dẫn đầu theo điểm). Ghi kết quả bầu bằng --votes hoặc --elected.",
        "Cluster {cluster} has no vote yet: the flag proposal of {unit} is a DRAFT (the "
        "leader on the scores). Record the vote with --votes or --elected.",
    ),
    "papers.undecided": (
        "Cụm {cluster} chưa xác định đơn vị nhất Cụm (bằng điểm hoặc không có đơn vị được "
        "xét): không có tờ trình đề nghị Cờ của UBND tỉnh.",
        "Cluster {cluster} has no leading unit (a tie, or no eligible unit): no provincial "
        "flag proposal.",
    ),
    # --- printed workbooks (scores.xlsx, ranking.xlsx) ----------------------------------------
    "report.footer": ("Trang &P/&N", "Page &P/&N"),
    "score.xlsx.col.max": ("Điểm tối đa", "Max"),
    "score.xlsx.col.difference": ("Chênh lệch (tự chấm − Cụm chấm)", "Difference (self − cluster)"),
    # --- the unit's form: the cluster's scoring team signs beside the unit's head ------------
    "form.name_line": ("……………………………", "……………………………"),
    "form.preparer_line": (
        "Người lập biểu (ký, ghi rõ họ tên): ……………………………………",
        "Prepared by (signature and full name): ……………………………………",
    ),
    # --- the meeting workbook as printed -----------------------------------------------------
    "report.date_line": ("……, ngày … tháng … năm ……", "……, date ……"),
    "report.preparer": ("NGƯỜI LẬP BIỂU", "PREPARED BY"),
    "report.chart_left_out": (
        "Biểu đồ chỉ gồm các đơn vị được xét thi đua; không gồm: {units}.",
        "The chart shows the eligible units only; left out: {units}.",
    ),
    # printed wordings of what the console says with an option or a command in it
    "print.rank-cap-unchecked": (
        "Chưa kiểm tra giới hạn 20% cho Cờ thi đua của Chính phủ: chưa có tổng số tập thể đạt "
        "tiêu chuẩn Cờ thi đua của UBND tỉnh.",
        "The 20% cap of the Government flag was not checked: the number of collectives "
        "meeting the provincial flag standard was not given.",
    ),
    "print.rank-cap-denominator": (
        "Tổng số tập thể đạt tiêu chuẩn Cờ thi đua của UBND tỉnh đã nêu ({total}) nhỏ hơn số "
        "đơn vị nhất Cụm được đề nghị Cờ UBND tỉnh ({leaders}); kiểm tra lại.",
        "The number of collectives meeting the provincial standard given ({total}) is smaller "
        "than the number of cluster leaders proposed ({leaders}); check it.",
    ),
    "print.workbook-errors": (
        "bảng điểm còn {count} lỗi",
        "the workbook has {count:~error|errors}",
    ),
    "print.rank.not_locked": (
        "Không đối chiếu với tệp khóa số liệu: chưa kiểm tra điều chỉnh số liệu sau đối chiếu.",
        "Not compared with a lock file: changes after the cluster's verification were not checked.",
    ),
    # --- thidua papers: help (cli.frame) -------------------------------------------------------
    "help.cmd.papers": (
        "Ghi giấy tờ của năm (.docx, thể thức Nghị định 30/2020/NĐ-CP): biên bản kiểm tra, đối "
        "chiếu thống nhất điểm của từng đơn vị, biên bản hội nghị Cụm, tờ trình đề nghị Cờ thi "
        "đua của UBND tỉnh và của Chính phủ.\n\n"
        "Kết quả suy tôn: --votes (số phiếu từng đơn vị; đơn vị nhiều phiếu nhất của Cụm được "
        "suy tôn) hoặc --elected như thidua rank; chưa có thì đơn vị dẫn đầu được ghi tạm và "
        "tờ trình là DỰ THẢO. Những gì chưa biết để dòng chấm điền tay. Không ghi đè giấy tờ đã "
        "có nếu không có --force.\n\n"
        "\b\nVí dụ:\n"
        "    thidua papers da-nop --units units.yaml --lock da-doi-chieu.lock --out-dir giay-to\n"
        '    thidua papers da-nop --units units.yaml --lock da-doi-chieu.lock --place "Thanh Hóa" '
        "--date 15/01/2021 --votes BVNHI=9 --votes BVPS=2",
        "Write the year's papers (.docx, laid out by Decree 30/2020/ND-CP): each unit's "
        "verification minutes, the cluster meeting's minutes, the proposals of the provincial "
        "and the Government flags.\n\n"
        "The vote: --votes (each unit's votes; the unit with the most is elected) or --elected "
        "as for thidua rank; without it the leading unit stands provisionally and the proposal "
        "is a DRAFT. What is not known stays a dotted line to fill by hand. Existing papers are "
        "not overwritten without --force.\n\n"
        "\b\nExamples:\n"
        "    thidua papers returned --units units.yaml --lock verified.lock --out-dir papers\n"
        '    thidua papers returned --units units.yaml --lock verified.lock --place "Thanh Hoa" '
        "--date 15/01/2021 --votes BVNHI=9 --votes BVPS=2",
    ),
    "help.opt.papers.out_dir": ("Thư mục ghi các giấy tờ.", "Folder to write the papers into."),
    "help.opt.place": (
        "Địa danh trên dòng ngày tháng (ví dụ: Thanh Hóa); bỏ trống để điền tay.",
        "The place on the date line; leave it out to write it by hand.",
    ),
    "help.opt.papers.day": (
        "Ngày ký giấy tờ (15/01/2021); bỏ trống để điền tay.",
        "The papers' date (15/01/2021); leave it out to write it by hand.",
    ),
    "help.opt.votes": (
        "Số phiếu suy tôn của một đơn vị (lặp lại được).",
        "A unit's votes at the meeting (repeatable).",
    ),
    "help.opt.next_head": (
        "Đơn vị Cụm trưởng năm sau (mỗi cụm một).",
        "Next year's cluster head (one per cluster).",
    ),
    "help.opt.next_deputy": (
        "Đơn vị Cụm phó năm sau (mỗi cụm một).",
        "Next year's cluster deputy (one per cluster).",
    ),
    "help.metavar.place": ("<địa-danh>", "<place>"),
    "help.metavar.day": ("<ngày/tháng/năm>", "<dd/mm/yyyy>"),
    "help.metavar.votes": ("<mã-đơn-vị>=<số-phiếu>", "<unit-id>=<votes>"),
    "help.metavar.next_head": ("<mã-đơn-vị>", "<unit-id>"),
    "help.metavar.next_deputy": ("<mã-đơn-vị>", "<unit-id>"),
}
