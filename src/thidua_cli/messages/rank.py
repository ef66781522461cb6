"""Messages: the units workbook, `lock`, `rank`, the meeting workbook and `demo`."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- units file as .xlsx ------------------------------------------------------------
    "units-xlsx-unreadable": (
        "Không đọc được tệp danh sách đơn vị {file} ({reason}): cần một tệp .xlsx.",
        "Cannot read the units file {file} ({reason}): an .xlsx is needed.",
    ),
    "units-xlsx-unreadable.no-sheet": (
        "Tệp danh sách đơn vị {file} không có trang tính nào: cần một tệp .xlsx có dữ liệu.",
        "The units file {file} has no sheet: an .xlsx with data is needed.",
    ),
    "units-xlsx-missing-columns": (
        "Tệp {file}, dòng {row}: thiếu cột tiêu đề: {names}.",
        "{file}, row {row}: missing header columns: {names}.",
    ),
    "units-xlsx-cell": (
        "Tệp {file}, dòng {row}, cột {column} ({header}): {reason}",
        "{file}, row {row}, column {column} ({header}): {reason}",
    ),
    "units-xlsx-row": (
        "Tệp {file}, dòng {row}: {reason}",
        "{file}, row {row}: {reason}",
    ),
    "units_xlsx.blank": ("ô đang để trống", "the cell is blank"),
    "units_xlsx.bad_id": (
        "mã «{value}» không hợp lệ (chỉ dùng chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới)",
        "id «{value}» is invalid (use unaccented letters, digits, dot, hyphen, underscore)",
    ),
    "units_xlsx.bad_boolean": (
        "giá trị «{value}» không hiểu được; ghi Có/Không, TRUE/FALSE, hoặc x/để trống",
        "cannot understand «{value}»; write Có/Không, TRUE/FALSE, or x/blank",
    ),
    "units_xlsx.bad_role": (
        "vai trò «{value}» không hiểu được; ghi Cụm trưởng, Cụm phó hoặc Thành viên",
        "role «{value}» not understood; write head, deputy or member (Cụm trưởng, Cụm phó, Thành "
        "viên)",
    ),
    "units_xlsx.duplicate_unit": (
        "mã đơn vị {unit} đã có ở dòng {first}",
        "unit id {unit} already appears in row {first}",
    ),
    "units_xlsx.cluster_name_differs": (
        "cụm {cluster} đã có tên «{name}» ở dòng {row}",
        "cluster {cluster} is already named «{name}» in row {row}",
    ),
    "units_xlsx.bad_year": (
        "năm «{value}» không hợp lệ; ghi năm thi đua bằng bốn chữ số, ví dụ 2026",
        "year «{value}» is invalid; write the competition year in four digits, e.g. 2026",
    ),
    "units_xlsx.year_differs": (
        "tệp đã ghi năm {year} ở dòng {row}; mọi dòng ghi cùng một năm thi đua",
        "the file already states the year {year} in row {row}; every row states the same year",
    ),
    "units_xlsx.role_twice": (
        "cụm {cluster} đã có đơn vị {unit} giữ vai trò này (dòng {row})",
        "cluster {cluster} already has unit {unit} in this role (row {row})",
    ),
    "units-xlsx-no-units": (
        "Tệp {file}: không có đơn vị nào dưới dòng tiêu đề {row}.",
        "{file}: no unit below the header row {row}.",
    ),
    # --- lock ---------------------------------------------------------------------------
    "lock-has-errors": (
        "Không khóa số liệu: {count} bảng điểm còn lỗi (chạy thidua score để xem và sửa):\n  "
        "{files}",
        "Not locking: {count:~workbook still has|workbooks still have} errors (run thidua "
        "score to see and fix them):\n  {files}",
    ),
    "lock-nothing": (
        "Không có bảng điểm nào để khóa.",
        "No workbook to lock.",
    ),
    "lock-duplicate-unit": (
        "Không khóa số liệu: đơn vị {unit} có nhiều bảng điểm ({files}); chỉ giữ một.",
        "Not locking: unit {unit} has several workbooks ({files}); keep one.",
    ),
    "lock-invalid": (
        "Tệp khóa {file} không hợp lệ: {reason}",
        "Invalid lock file {file}: {reason}",
    ),
    "lock-conflict": (
        "Đơn vị {unit} có trong nhiều tệp khóa với số liệu khác nhau; "
        "chỉ dùng một tệp khóa cho mỗi cụm.",
        "Unit {unit} is in several lock files with different figures; "
        "use one lock file per cluster.",
    ),
    "lock.field": ("{where}: {reason}", "{where}: {reason}"),
    "lock.too_big": ("tệp quá lớn", "the file is too large"),
    "lock-too-big-to-write": (
        "Không khóa số liệu: tệp khóa của {units} đơn vị sẽ lớn khoảng {size} MB, quá giới hạn "
        "{limit} MB mà thidua rank đọc. Hãy khóa từng Cụm (mỗi Cụm một tệp) rồi dùng --lock "
        "nhiều lần.",
        "Not locking: the lock of {units:~unit|units} would be about {size} MB, over the "
        "{limit} MB that thidua rank reads. Lock each cluster (one file each) and give "
        "--lock several times.",
    ),
    "lock-tampered": (
        "Tệp khóa {file} đã bị sửa sau khi tạo (mã kiểm tra không khớp); "
        "không dùng được. Tạo lại bằng thidua lock từ các bảng điểm đã thống nhất.",
        "The lock file {file} was edited after it was made (digest mismatch); "
        "it cannot be used. Make it again with thidua lock from the agreed workbooks.",
    ),
    "lock.written": (
        "Đã xuất tệp khóa {path} (mã kiểm tra {digest}).",
        "Exported the lock file {path} (digest {digest}).",
    ),
    # --- rank: statuses, reasons, notes --------------------------------------------------
    "rank.status.eligible": ("Xét thi đua", "Eligible"),
    "rank.status.excluded": ("Không xét thi đua", "Excluded"),
    "rank.status.deferred": ("Chưa xét", "Deferred"),
    "rank.status.incomplete": ("Chưa đủ số liệu", "Incomplete"),
    "not-registered": (
        "không đăng ký thi đua",
        "did not register for the emulation",
    ),
    "no-agreement": (
        "không ký kết giao ước thi đua",
        "did not sign the emulation agreement",
    ),
    "violation": (
        "có vụ việc tiêu cực, tham nhũng, sai phạm nghiêm trọng: {text}",
        "negative conduct, corruption or serious violation: {text}",
    ),
    "changed-after-lock": (
        "điều chỉnh số liệu sau khi Cụm đã kiểm tra, đối chiếu thống nhất điểm (đơn vị sửa "
        "tiêu chí {codes})",
        "figures changed after the cluster verified and agreed the points (the unit changed "
        "criteria {codes})",
    ),
    "not-locked": (
        "số liệu chưa được Cụm khóa (không có trong tệp khóa)",
        "figures not verified by the cluster (not in the lock file)",
    ),
    "pending-investigation": (
        "có dấu hiệu sai phạm đang chờ cơ quan có thẩm quyền kết luận",
        "suspected violation awaiting the competent authority's conclusion",
    ),
    "no-workbook": (
        "chưa có bảng điểm",
        "no workbook returned",
    ),
    "duplicate-workbook": (
        "có nhiều bảng điểm cho cùng đơn vị ({files}); chỉ giữ một",
        "several workbooks for this unit ({files}); keep one",
    ),
    "workbook-errors": (
        "bảng điểm còn {count} lỗi (xem thidua score)",
        "the workbook has {count:~error|errors} (see thidua score)",
    ),
    "scoring-incomplete": (
        "Cụm chưa chấm xong (còn ô «Cụm đánh giá» để trống)",
        "cluster scoring not finished (blank «Cụm đánh giá» cells)",
    ),
    "scoring-incomplete.self": (
        "đơn vị chưa tự chấm xong",
        "the unit's self-scoring is not finished",
    ),
    "rank-preview": (
        "XEM TRƯỚC theo điểm tự chấm — không dùng để xét",
        "PREVIEW on self scores — not for the decision",
    ),
    "rank.preview": (
        "XEM TRƯỚC theo điểm tự chấm — không dùng để xét",
        "PREVIEW on self scores — not for the decision",
    ),
    "rank-unidentified": (
        "{file}: không xác định được đơn vị (không phải biểu mẫu thidua); bỏ qua.",
        "{file}: unit unknown (not a thidua form); skipped.",
    ),
    "rank-unknown-unit": (
        "{file}: đơn vị {unit} không có trong danh sách đơn vị; bỏ qua.",
        "{file}: unit {unit} is not in the units file; skipped.",
    ),
    "rank-other-cluster": (
        "{file}: biểu mẫu ghi đơn vị {unit} thuộc cụm {form}, danh sách đơn vị ghi cụm {cluster}; "
        "xếp theo danh sách đơn vị.",
        "{file}: the form puts unit {unit} in cluster {form}, the units file in {cluster}; "
        "ranked by the units file.",
    ),
    "rank-duplicate-unit": (
        "Đơn vị {unit} có nhiều bảng điểm: {files}.",
        "Unit {unit} has several workbooks: {files}.",
    ),
    "rank-missing-workbook": (
        "Đơn vị {unit} ({name}, {cluster}) chưa có bảng điểm.",
        "Unit {unit} ({name}, {cluster}) has no workbook.",
    ),
    "rank-tie": (
        "{cluster}: bằng tổng điểm giữa {units}; hướng dẫn không có cách tách điểm bằng nhau: "
        "Hội nghị Cụm suy tôn (bầu) đơn vị nhất Cụm trong các đơn vị này (--elected).",
        "{cluster}: {units} tie on the total; the guidance has no tie-break: the cluster "
        "meeting elects (suy tôn) the leading unit among them (--elected).",
    ),
    "rank-government-tie": (
        "Các đơn vị nhất Cụm {units} bằng điểm; Hội đồng Thi đua - Khen thưởng ngành "
        "chọn 01 đơn vị đề nghị Cờ thi đua của Chính phủ.",
        "Cluster leaders {units} tie; the sector's emulation board picks one for the Government "
        "flag.",
    ),
    "rank-cap-unchecked": (
        "Chưa kiểm tra giới hạn 20% cho Cờ thi đua của Chính phủ: "
        "cho biết tổng số tập thể đạt tiêu chuẩn Cờ thi đua của UBND tỉnh bằng "
        "--province-flag-total N.",
        "The 20% cap of the Government flag was not checked: state the number of collectives "
        "meeting the provincial flag standard with --province-flag-total N.",
    ),
    "rank-cap-checked": (
        "Giới hạn 20% của {total} tập thể đạt tiêu chuẩn Cờ thi đua của UBND tỉnh: "
        "được đề nghị tối đa {allowed} Cờ thi đua của Chính phủ.",
        "20% of the {total} collectives meeting the provincial flag standard: "
        "at most {allowed:~Government flag|Government flags} may be proposed.",
    ),
    "rank-cap-exceeded": (
        "20% của {total} tập thể đạt tiêu chuẩn Cờ thi đua của UBND tỉnh là dưới 1: "
        "không được đề nghị Cờ thi đua của Chính phủ (cho phép 0).",
        "20% of {total} collectives meeting the provincial flag standard is below 1: "
        "no Government flag may be proposed (0 allowed).",
    ),
    "rank-cap-denominator": (
        "--province-flag-total {total} nhỏ hơn số đơn vị nhất Cụm được đề nghị Cờ UBND tỉnh "
        "({leaders}); kiểm tra lại.",
        "--province-flag-total {total} is smaller than the number of cluster leaders proposed "
        "({leaders}); check it.",
    ),
    # --- rank: rendering -----------------------------------------------------------------
    "rank.flag.province_flag": ("Cờ thi đua của UBND tỉnh", "Provincial People's Committee flag"),
    "rank.flag.government_flag": ("Cờ thi đua của Chính phủ", "Government flag"),
    "rank.by.cluster": ("theo điểm Cụm chấm", "on the cluster's scores"),
    "rank.title": (
        "{name} ({id}) — xếp hạng {by}",
        "{name} ({id}) — ranking {by}",
    ),
    "rank.col.rank": ("Hạng", "Rank"),
    "rank.col.unit": ("Đơn vị", "Unit"),
    "rank.col.unit_id": ("Mã", "Id"),
    "rank.col.self_total": ("Tự chấm", "Self"),
    "rank.col.cluster_total": ("Cụm chấm", "Cluster"),
    "rank.col.section": ("Phần {code}", "Section {code}"),
    "rank.col.difference": ("Chênh lệch", "Difference"),
    "rank.col.status": ("Tình trạng", "Status"),
    "rank.col.reasons": ("Lý do", "Reasons"),
    "rank.col.proposal": ("Đề nghị", "Proposal"),
    "rank.col.cluster": ("Cụm", "Cluster"),
    "rank.col.leader": ("Đơn vị nhất Cụm", "Leading unit"),
    "rank.col.total": ("Tổng điểm", "Total"),
    "rank.leader_tie": (
        "Chưa có đơn vị nhất Cụm: {units} bằng tổng điểm; Hội nghị Cụm suy tôn (bầu) một "
        "trong các đơn vị này.",
        "No leading unit yet: {units} tie on the total; the meeting elects one of them.",
    ),
    "rank.leader_none": ("Chưa có đơn vị đủ điều kiện xét.", "No eligible unit yet."),
    "rank.summary_title": ("Toàn ngành", "Sector summary"),
    "rank.summary.proposals": ("Đề nghị khen thưởng", "Proposals"),
    "rank.summary.none": ("(không có)", "(none)"),
    "rank.summary.counts": (
        "{eligible} xét, {excluded} không xét, {deferred} chưa xét, {incomplete} chưa đủ số liệu",
        "{eligible} eligible, {excluded} excluded, {deferred} deferred, {incomplete} incomplete",
    ),
    "rank.locked": ("Đối chiếu với tệp khóa số liệu.", "Compared with the lock file."),
    "rank.not_locked": (
        "Không dùng tệp khóa (--lock): chưa kiểm tra điều chỉnh số liệu sau đối chiếu.",
        "No lock file (--lock): changes after the cluster's verification were not checked.",
    ),
    "rank.written": ("Đã ghi bảng tổng hợp xếp hạng: {path}", "Ranking workbook written: {path}"),
    # --- the meeting workbook -----------------------------------------------------------
    "report.title": (
        "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA — {name}",
        "EMULATION SCORES AND RANKING — {name}",
    ),
    "report.sector_title": (
        "TỔNG HỢP KẾT QUẢ THI ĐUA TOÀN NGÀNH",
        "SECTOR SUMMARY OF THE EMULATION",
    ),
    "report.chart_title": ("Tổng điểm {by}", "Total {by}"),
    "report.notes": ("Ghi chú", "Notes"),
    "demo-not-empty": (
        "Thư mục {path} đã có dữ liệu và không phải kết quả của thidua demo; "
        "chọn thư mục khác hoặc dùng --force.",
        "{path} is not empty and not a previous thidua demo output; choose another folder or use "
        "--force.",
    ),
    "demo-no-units": (
        "Không tìm thấy tệp danh sách đơn vị mẫu (examples/units.yaml).",
        "The sample units file (examples/units.yaml) was not found.",
    ),
    "demo.step.forms": (
        "1. Tạo {count} biểu mẫu chấm điểm năm {year}: {path}",
        "1. Wrote {count:~scoring form|scoring forms} for {year}: {path}",
    ),
    "demo.step.filled": (
        "2. Các đơn vị gửi lại bảng điểm (đơn vị tự chấm, Cụm chấm): {path}",
        "2. The units returned their workbooks (self and cluster scores): {path}",
    ),
    "demo.step.mistakes": (
        "3. Chấm lần đầu: {count} bảng điểm có lỗi thường gặp, mỗi lỗi chỉ rõ ô và cách sửa:",
        "3. First scoring: {count:~workbook has|workbooks have} typical mistakes, each located "
        "with how to fix it:",
    ),
    "demo.step.corrected": (
        "4. Các đơn vị sửa và gửi lại; chấm lại: không còn lỗi.",
        "4. The units corrected and returned them; scored again: no errors.",
    ),
    "demo.step.lock": (
        "5. Đối chiếu thống nhất điểm, khóa số liệu: {path}",
        "5. Figures agreed and locked: {path}",
    ),
    "demo.step.changed": (
        "6. Đơn vị {unit} sửa số liệu tiêu chí {code} sau khi khóa: {path}",
        "6. Unit {unit} changed criterion {code} after the lock: {path}",
    ),
    "demo.step.rank": ("7. Xếp hạng đối chiếu tệp khóa:", "7. Ranking against the lock:"),
    "demo.files": (
        "Các tệp của bản chạy thử:\n  danh sách đơn vị: {units}\n  biểu mẫu trống: {forms}\n"
        "  bảng điểm đã nộp: {returned}\n  tệp khóa: {lock}\n  bảng tổng hợp cho hội nghị: "
        "{ranking}",
        "Demo files:\n  units file: {units}\n  blank forms: {forms}\n"
        "  returned workbooks: {returned}\n  lock file: {lock}\n  meeting workbook: {ranking}",
    ),
    "demo.open": (
        "Mở {ranking} bằng Excel để xem bảng tổng hợp in cho hội nghị.",
        "Open {ranking} in Excel: the workbook printed for the meeting.",
    ),
    "demo.papers": (
        "Giấy tờ (biên bản, tờ trình đề nghị khen thưởng): {path}",
        "Papers (minutes, award proposals): {path}",
    ),
    "demo.next": ("Thử tiếp:\n  {command}", "Try next:\n  {command}"),
    "demo.not-on-path": (
        "Lệnh thidua chưa có trong PATH của cửa sổ này: gõ đầy đủ như trên, hoặc chạy trước "
        "{hint} rồi gõ thidua.",
        "thidua is not on this terminal's PATH: type it in full as above, or run {hint} first, "
        "then type thidua.",
    ),
}
