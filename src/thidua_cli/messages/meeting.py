"""Messages of the meeting (issue 12): the vote, ties, the half-year review, clusters' own
criteria, the Government flag and the deadlines."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- a cluster's own rubric (guidance IV.2) ------------------------------------------
    "base-section-over": (
        "Phần {code}: các tiêu chí cộng lại {children} điểm, vượt tổng điểm {base_max} của "
        "phần này trong bộ tiêu chí gốc (Cụm chỉ được cụ thể hóa, bổ sung mà không vượt tổng "
        "điểm từng phần).",
        "Section {code}: its criteria add up to {children} points, over the section's "
        "{base_max} in the base rubric (a cluster may concretise or add criteria without "
        "exceeding each section's total).",
    ),
    "base-section-extra": (
        "Phần {code} không có trong bộ tiêu chí gốc; Cụm chỉ được cụ thể hóa, bổ sung tiêu chí "
        "trong phần 1, 2.",
        "Section {code} is not in the base rubric; a cluster may adapt sections 1 and 2 only.",
    ),
    "base-no-agreement": (
        "Bộ tiêu chí {id} chưa ghi việc 100% thành viên Cụm thống nhất (khóa agreement trong "
        "rubric.yaml: by — ai thống nhất, date — ngày thống nhất).",
        "Rubric {id} does not record that all the cluster's members agreed to it (the "
        "agreement key in rubric.yaml: by — who agreed, date — when).",
    ),
    "units-criteria-missing": (
        "Tệp {file}, cụm {cluster}: không tìm thấy bộ tiêu chí của Cụm ở {folder} "
        "(cần thư mục có rubric.yaml; đường dẫn tính từ thư mục của tệp danh sách đơn vị).",
        "{file}, cluster {cluster}: the cluster's rubric was not found at {folder} (a folder "
        "with rubric.yaml is needed; the path is relative to the units file's folder).",
    ),
    "units_xlsx.criteria_differs": (
        "cụm {cluster} đã có bộ tiêu chí «{folder}» ở dòng {row}",
        "cluster {cluster} already has the rubric «{folder}» in row {row}",
    ),
    "cluster-rubric-refused": (
        "Bộ tiêu chí riêng của cụm {cluster} ({folder}) không dùng được so với bộ tiêu chí gốc:",
        "The own rubric of cluster {cluster} ({folder}) does not fit the base rubric:",
    ),
    "other-rubric": (
        "bảng điểm theo bộ tiêu chí {form}, không phải bộ tiêu chí của Cụm ({rubric}); "
        "gửi lại biểu mẫu đúng của Cụm",
        "the workbook follows rubric {form}, not the cluster's ({rubric}); send the cluster's "
        "own form again",
    ),
    # --- the vote ----------------------------------------------------------------------------
    "elected-syntax": (
        "--elected «{value}» không đúng dạng: ghi MÃ-CỤM=MÃ-ĐƠN-VỊ, ví dụ --elected cum-1=BVDK.",
        "--elected «{value}» is malformed: write CLUSTER=UNIT, e.g. --elected cum-1=BVDK.",
    ),
    "elected-twice": (
        "--elected cho cụm {cluster} hai lần ({units}); mỗi cụm suy tôn 01 đơn vị.",
        "--elected given twice for cluster {cluster} ({units}); each cluster elects one unit.",
    ),
    "elected-half-year": (
        "Sơ kết 6 tháng không suy tôn đơn vị nhất Cụm: bỏ --elected, hoặc dùng --period year.",
        "The half-year review elects no leading unit: drop --elected, or use --period year.",
    ),
    "elected-unknown-cluster": (
        "Không ghi được kết quả suy tôn {unit}: không có cụm {cluster} trong danh sách đơn vị "
        "(các cụm: {known}).",
        "Cannot record the vote for {unit}: there is no cluster {cluster} in the units file "
        "(clusters: {known}).",
    ),
    "elected-not-member": (
        "Không ghi được kết quả suy tôn: {unit} không phải đơn vị thành viên của cụm {cluster}.",
        "Cannot record the vote: {unit} is not a member of cluster {cluster}.",
    ),
    "elected-not-member.elsewhere": (
        "Không ghi được kết quả suy tôn: {unit} thuộc cụm {other}, không phải cụm {cluster}.",
        "Cannot record the vote: {unit} belongs to cluster {other}, not {cluster}.",
    ),
    "elected-not-eligible": (
        "Không ghi được kết quả suy tôn: {unit} (cụm {cluster}) không đủ điều kiện xét — "
        "{status}: {reason}.",
        "Cannot record the vote: {unit} (cluster {cluster}) is not eligible — {status}: {reason}.",
    ),
    "rank-elected-other": (
        "{cluster}: Hội nghị suy tôn {unit}; đơn vị điểm cao nhất là {top}.",
        "{cluster}: the meeting elected {unit}; the top score is {top}'s.",
    ),
    "rank-government-undecided": (
        "Chưa nêu đơn vị đề nghị Cờ thi đua của Chính phủ: Hội đồng Thi đua - Khen thưởng "
        "ngành chọn trong các đơn vị được các Cụm suy tôn nhất Cụm, mà các cụm sau chưa ghi "
        "kết quả suy tôn (--elected): {clusters}.",
        "No Government flag candidate yet: the sector's board chooses among the units each "
        "cluster elected, and these clusters have no recorded vote (--elected): {clusters}.",
    ),
    # --- the half-year review and the deadlines -------------------------------------------
    "rank-half-year": (
        "Sơ kết 6 tháng: không suy tôn, không đề nghị khen thưởng; bảng cho biết tiến độ từng "
        "đơn vị (% điểm tối đa).",
        "Half-year review: no election, no award proposals; the table shows each unit's "
        "progress (% of the maximum).",
    ),
    "rank.half_year": (
        "Sơ kết 6 tháng: không suy tôn, không đề nghị khen thưởng",
        "Half-year review: no election, no award proposals",
    ),
    "meeting.year": ("Hội nghị tổng kết năm {year}", "The year-end meeting {year}"),
    "meeting.half": (
        "Hội nghị sơ kết 6 tháng đầu năm {year}",
        "The half-year review {year}",
    ),
    "meeting.deadline": (
        "{meeting}: thời hạn theo hướng dẫn là trước ngày {deadline}.",
        "{meeting}: the guidance's deadline is before {deadline}.",
    ),
    "rank-after-deadline": (
        "Đã quá thời hạn: {meeting} phải xong trước ngày {deadline} (hôm nay {today}).",
        "Past the deadline: {meeting} was due before {deadline} (today is {today}).",
    ),
    # --- the leader, the vote and the proposals, as shown ----------------------------------
    "rank.elected": (
        "Đơn vị nhất Cụm (Hội nghị suy tôn): {unit} ({name}), {total} điểm.",
        "Leading unit (elected by the meeting): {unit} ({name}), {total} points.",
    ),
    "rank.leader_provisional": (
        "Điểm cao nhất: {unit} ({name}), {total} điểm — chờ Hội nghị suy tôn (--elected).",
        "Top score: {unit} ({name}), {total} points — awaiting the meeting's vote (--elected).",
    ),
    "rank.flag.provisional": (
        "{flag} (dự kiến, chờ suy tôn)",
        "{flag} (provisional, awaiting the vote)",
    ),
    "rank.col.progress": ("Tiến độ (%)", "Progress (%)"),
    "rank.summary.undecided": (
        "Cờ thi đua của Chính phủ: chưa nêu, còn chờ kết quả suy tôn của: {clusters}",
        "Government flag: not named, awaiting the vote of: {clusters}",
    ),
    # --- printed on the form ------------------------------------------------------------------
    "form.agreement": (
        "Bộ tiêu chí của Cụm: {title}. Được {by} thảo luận, thống nhất ngày {date}{document}.",
        "The cluster's rubric: {title}. Agreed by {by} on {date}{document}.",
    ),
    "form.agreement.document": (" ({document})", " ({document})"),
    "elected-differs-book": (
        "Cụm {cluster}: giấy tờ ghi đơn vị được suy tôn là {unit}, khác với kết quả suy tôn đã "
        "ghi trong sổ thi đua ({recorded}); kiểm tra lại số phiếu, hoặc ghi lại kết quả bằng "
        "thidua rank --elected {cluster}={unit} --out.",
        "Cluster {cluster}: the papers name {unit} as elected, unlike the vote recorded in the "
        "record book ({recorded}); check the votes, or record the vote again with thidua rank "
        "--elected {cluster}={unit} --out.",
    ),
    "lock-other-meeting": (
        "Tệp khóa đã cho chỉ có số liệu của {held}, không có số liệu của {meeting}: không đơn "
        "vị nào được đối chiếu với nó. Hãy dùng tệp khóa của đúng kỳ này (thidua lock … -o).",
        "The lock files given hold figures of {held} only, none of {meeting}: no unit is "
        "checked against them. Use the lock of this meeting (thidua lock … -o).",
    ),
    "elected-differs-book.rank": (
        "Cụm {cluster}: lần này ghi đơn vị được suy tôn là {unit}, khác với kết quả đã ghi trong "
        "sổ thi đua ({recorded}). Sổ giữ cả hai lần ghi, lần ghi sau cùng có hiệu lực (xem "
        "thidua history); nếu ghi nhầm, ghi lại bằng --elected {cluster}={recorded}.",
        "Cluster {cluster}: this run records {unit} as elected, unlike the vote already in the "
        "record book ({recorded}). The book keeps both; the latest counts (see thidua "
        "history). If this was a mistake, record it again with --elected {cluster}={recorded}.",
    ),
    "demo.step.vote": (
        "8. Hội nghị suy tôn đơn vị nhất mỗi Cụm: {elected}",
        "8. The meeting elects each cluster's leading unit: {elected}",
    ),
}
