"""Messages of `thidua score`: every problem found in a returned workbook, and the report."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- structure ----------------------------------------------------------------------
    "not-xlsx.xls": (
        "Tệp {file} là bảng tính Excel cũ (.xls), không phải .xlsx: hãy mở bằng Excel hoặc "
        "LibreOffice và lưu lại dưới dạng .xlsx (Excel Workbook), rồi nộp lại.",
        "{file} is an old Excel workbook (.xls), not .xlsx: open it and save it as .xlsx.",
    ),
    "not-xlsx.ods": (
        "Tệp {file} là bảng tính LibreOffice (.ods), không phải .xlsx: hãy chọn Lưu thành "
        "(Save As) kiểu Excel 2007-365 (.xlsx), rồi nộp lại.",
        "{file} is a LibreOffice spreadsheet (.ods), not .xlsx: save it as Excel 2007-365 (.xlsx).",
    ),
    "not-xlsx.csv": (
        "Tệp {file} là tệp văn bản CSV, không phải biểu mẫu chấm điểm .xlsx: hãy nộp lại đúng "
        "biểu mẫu đã được gửi.",
        "{file} is a CSV text file, not the .xlsx scoring form: return the form you were sent.",
    ),
    "not-xlsx.corrupt": (
        "Tệp {file} không phải tệp .xlsx hợp lệ (hỏng hoặc sai định dạng): hãy mở lại biểu "
        "mẫu gốc, nhập lại và lưu dưới dạng .xlsx.",
        "{file} is not a valid .xlsx file (corrupt or another format): re-enter the data in the "
        "original form and save it as .xlsx.",
    ),
    "not-xlsx.encrypted": (
        "Tệp {file} được đặt mật khẩu nên không đọc được: hãy bỏ mật khẩu (Tệp > Thông tin > "
        "Bảo vệ sổ làm việc) rồi nộp lại.",
        "{file} is password-protected and cannot be read: remove the password and return it.",
    ),
    "not-xlsx.macro": (
        "Tệp {file} có chứa macro (VBA), không phải biểu mẫu .xlsx đã gửi: hãy nhập lại vào biểu "
        "mẫu gốc và lưu dưới dạng .xlsx (không macro).",
        "{file} contains macros (VBA), unlike the .xlsx form that was sent: re-enter the data "
        "in the original form and save it as .xlsx (no macros).",
    ),
    "not-xlsx.too-big": (
        "Tệp {file} quá lớn để là một biểu mẫu chấm điểm (giới hạn {limit} MB); từ chối đọc.",
        "{file} is too large to be a scoring form (limit {limit} MB); refused.",
    ),
    "not-xlsx.unreadable": (
        "Không đọc được tệp {file}: {detail}",
        "Cannot read {file}: {detail}",
    ),
    "not-xlsx.folder": (
        "Không mở được thư mục {file}: {detail}. Hãy kiểm tra quyền truy cập thư mục.",
        "Cannot open the folder {file}: {detail}. Check the folder's permissions.",
    ),
    "not-xlsx.crashed": (
        "Đọc tệp {file} làm chương trình đọc bảng tính dừng đột ngột ({detail}): tệp hỏng hoặc "
        "được tạo để gây lỗi. Hãy mở biểu mẫu gốc, nhập lại và lưu dưới dạng .xlsx.",
        "Reading {file} stopped the spreadsheet reader ({detail}): the file is damaged or built "
        "to break readers. Re-enter the data in the original form and save it as .xlsx.",
    ),
    "not-xlsx.empty": (
        "Tệp {file} rỗng (0 byte): có thể tệp chưa được lưu hay chép xong. Hãy xin đơn vị gửi "
        "lại tệp.",
        "{file} is empty (0 bytes): it may not have been saved or copied completely. Ask the "
        "unit to send it again.",
    ),
    "not-xlsx.renamed": (
        "Tệp {file} là bảng tính .xlsx nhưng mang đuôi {detail}: hãy đổi đuôi tên tệp thành "
        ".xlsx rồi chấm lại.",
        "{file} is an .xlsx workbook named with {detail}: rename it to end in .xlsx and score "
        "it again.",
    ),
    "not-a-form": (
        "Tệp {file} không phải biểu mẫu chấm điểm thi đua do thidua tạo (không có thông tin "
        "nhận dạng biểu mẫu): hãy dùng biểu mẫu do thường trực Cụm gửi.",
        "{file} is not a scoring form made by thidua (no form identity): use the form the "
        "cluster sent.",
    ),
    "wrong-rubric": (
        "Biểu mẫu {file} được tạo cho bộ tiêu chí khác ({form_id}, mã {form_digest}), không phải "
        "{id} (mã {digest}): nếu cụm có bộ tiêu chí riêng, chạy lại với --units (tệp danh "
        "sách đơn vị ghi bộ tiêu chí của cụm); nếu không, hãy nhập lại vào biểu mẫu đúng của "
        "năm nay.",
        "{file} was made for another rubric ({form_id}, digest {form_digest}), not {id} "
        "(digest {digest}): if the cluster has its own rubric, run again with --units (the "
        "units file names it); otherwise re-enter the data in this year's form.",
    ),
    "wrong-year": (
        "Biểu mẫu {file} là của năm {form}, không phải năm {expected} đã chọn bằng --year "
        "{expected}: bỏ --year {expected} (năm lấy từ chính biểu mẫu), hoặc dùng --year {form}.",
        "{file} is the form for {form}, not {expected} as chosen with --year {expected}: drop "
        "--year {expected} (the forms carry their year), or use --year {form}.",
    ),
    "wrong-period": (
        "Biểu mẫu {file} là biểu mẫu {form}, không phải {expected} đã chọn bằng --period "
        "{option}: bỏ --period {option} (kỳ lấy từ chính biểu mẫu), hoặc chọn kỳ của biểu mẫu.",
        "{file} is the {form} form, not the {expected} form chosen with --period {option}: drop "
        "--period {option} (the forms carry their period), or choose the forms' period.",
    ),
    "score.period.year": ("chấm điểm cả năm", "full-year"),
    "score.period.half": ("sơ kết 6 tháng", "half-year"),
    "missing-name": (
        "Không tìm thấy ô {name} (tiêu chí {code}, trong biểu mẫu gốc là ô {original}): có thể "
        "một dòng hoặc một tên ô đã bị xóa. Hãy nhập lại vào biểu mẫu gốc, không xóa dòng.",
        "Cell {name} (criterion {code}, originally {original}) is missing from the form: a row "
        "or a name was deleted. Re-enter the data in the original form without deleting rows.",
    ),
    "missing-name.total": (
        "Không tìm thấy ô tổng {name} (trong biểu mẫu gốc là ô {original}): có thể một dòng đã "
        "bị xóa. Hãy nhập lại vào biểu mẫu gốc, không xóa dòng.",
        "Total cell {name} (originally {original}) is missing from the form: a row may have "
        "been deleted. Re-enter the data in the original form without deleting rows.",
    ),
    # --- values -------------------------------------------------------------------------
    "missing-input": (
        "Ô {cell} (tiêu chí {code}, {label}) còn trống: đơn vị phải tự đánh giá, hãy nhập giá trị.",
        "Cell {cell} (criterion {code}, {label}) is blank: the unit must fill in its "
        "self-assessment.",
    ),
    "not-a-number.text": (
        "Ô {cell} (tiêu chí {code}, {label}) ghi “{value}”, không phải một số: hãy nhập một số, "
        "ví dụ 5 hoặc 5,5.",
        "Cell {cell} (criterion {code}, {label}) holds “{value}”, not a number: type a number, "
        "e.g. 5 or 5.5.",
    ),
    "not-a-number.ambiguous": (
        "Ô {cell} (tiêu chí {code}, {label}) ghi “{value}”: không rõ là số thập phân hay số có "
        "dấu phân cách hàng nghìn. Hãy nhập không có dấu chấm (ví dụ 1000) hoặc dùng dấu phẩy "
        "cho phần thập phân (ví dụ 1,5).",
        "Cell {cell} (criterion {code}, {label}) holds “{value}”: a decimal or a thousands "
        "separator? Type it without the dot (e.g. 1000) or with a decimal comma (e.g. 1,5).",
    ),
    "not-a-number.bool": (
        "Ô {cell} (tiêu chí {code}, {label}) chứa giá trị đúng/sai ({value}), không phải một số: "
        "hãy nhập một số.",
        "Cell {cell} (criterion {code}, {label}) holds a TRUE/FALSE value ({value}), not a "
        "number: type a number.",
    ),
    "not-a-number.date": (
        "Ô {cell} (tiêu chí {code}, {label}) chứa ngày tháng ({value}), không phải một số: hãy "
        "đặt định dạng ô là Số (General) và nhập lại.",
        "Cell {cell} (criterion {code}, {label}) holds a date ({value}), not a number: set the "
        "cell format to General and type the number again.",
    ),
    "negative": (
        "Ô {cell} (tiêu chí {code}, {label}) là số âm ({value}): hãy nhập số từ 0 trở lên.",
        "Cell {cell} (criterion {code}, {label}) is negative ({value}): type 0 or more.",
    ),
    "not-whole": (
        "Ô {cell} (tiêu chí {code}, {label}) là {value}: đây là số đếm, hãy nhập số nguyên.",
        "Cell {cell} (criterion {code}, {label}) is {value}: this is a count, type a whole number.",
    ),
    "too-many-decimals": (
        "Ô {cell} (tiêu chí {code}, {label}) là {value}: điểm chỉ được có tối đa 2 chữ số thập "
        "phân.",
        "Cell {cell} (criterion {code}, {label}) is {value}: points have at most 2 decimals.",
    ),
    "points-above-max": (
        "Ô {cell} (tiêu chí {code}, {label}) là {value}, vượt mức tối đa {max}: hãy nhập giá trị "
        "không quá {max}.",
        "Cell {cell} (criterion {code}, {label}) is {value}, above the maximum {max}: type at "
        "most {max}.",
    ),
    "unknown-label": (
        "Ô {cell} (tiêu chí {code}, {label}) ghi “{value}”, không phải một lựa chọn hợp lệ: hãy "
        "chọn một trong: {labels}.",
        "Cell {cell} (criterion {code}, {label}) holds “{value}”, not a valid choice: pick one "
        "of: {labels}.",
    ),
    # --- consistency --------------------------------------------------------------------
    "ignored-value": (
        "Ô {cell} (tiêu chí {code}, {label}) có giá trị {value} nhưng không được tính: theo "
        "hướng dẫn, {reason}. Có thể xóa giá trị này.",
        "Cell {cell} (criterion {code}, {label}) holds {value} but it does not count: per the "
        "guidance, {reason}. You may clear it.",
    ),
    "ignored-reason": (
        "với lựa chọn hiện tại của tiêu chí này, điểm không phụ thuộc ô này",
        "with this criterion's other answers the points do not depend on this cell",
    ),
    "ignored-reason.no-projects": (
        "đơn vị không có dự án vốn ngân sách, công trình trọng điểm được chấm tối đa điểm chuẩn",
        "a unit without budget-funded or key projects gets the full standard points",
    ),
    "input.label": ("{vi}", "{en}"),
    "score.what.criterion": ("điểm tiêu chí {code}", "points of criterion {code}"),
    "score.what.section": ("tổng điểm Phần {code}", "total of section {code}"),
    "score.what.total": ("tổng điểm", "grand total"),
    "duplicate-unit": (
        "Đơn vị {unit} có nhiều hơn một bảng chấm điểm: {files}. Hãy giữ lại một tệp.",
        "Unit {unit} has more than one workbook: {files}. Keep only one.",
    ),
    # --- the command --------------------------------------------------------------------
    "no-workbooks": (
        "Không tìm thấy bảng tính nào (.xlsx, .xlsm, .xls, .ods, .csv) trong: {paths}",
        "No workbook (.xlsx, .xlsm, .xls, .ods, .csv) found in: {paths}",
    ),
    "score.progress": ("Đang chấm", "Scoring"),
    "score.col.file": ("Tệp", "File"),
    "score.col.unit": ("Đơn vị", "Unit"),
    "score.col.self": ("Tự chấm", "Self"),
    "score.col.cluster": ("Cụm chấm", "Cluster"),
    "score.col.status": ("Trạng thái", "Status"),
    "score.col.problems": ("Lỗi / cảnh báo", "Errors / warnings"),
    "score.status.errors": ("có lỗi", "errors"),
    "score.status.cluster-incomplete": ("Cụm chưa chấm xong", "cluster scoring pending"),
    "score.status.ok": ("hợp lệ", "ok"),
    "score.table.title": ("Kết quả chấm điểm ({count} tệp)", "Scores ({count:~file|files})"),
    "spool-failed": (
        "Không ghi hoặc đọc được tệp tạm trong {folder}: {reason}. Hãy giải phóng chỗ trống, "
        "hoặc đặt biến môi trường TMPDIR sang một thư mục khác.",
        "Cannot write or read the temporary file in {folder}: {reason}. Free some space, "
        "or set the TMPDIR environment variable to another folder.",
    ),
    "score.table.title.page": (
        "Kết quả chấm điểm ({count} tệp; tệp {first}–{last})",
        "Scores ({count:~file|files}; files {first}–{last})",
    ),
    "score.problems.title": ("Vấn đề trong {file}", "Problems in {file}"),
    "score.summary": (
        "Đã chấm {count} tệp: {errors} lỗi, {warnings} cảnh báo.",
        "Scored {count:~file|files}: {errors:~error|errors}, {warnings:~warning|warnings}.",
    ),
    "score.written": ("Đã ghi {path}", "Wrote {path}"),
    # --- scores.xlsx --------------------------------------------------------------------
    "score.xlsx.sheet.scores": ("Điểm", "Scores"),
    "score.xlsx.sheet.criteria": ("Chi tiết tiêu chí", "Criteria"),
    "score.xlsx.sheet.problems": ("Lỗi và cảnh báo", "Problems"),
    "score.xlsx.title": ("KẾT QUẢ CHẤM ĐIỂM THI ĐUA", "EMULATION SCORES"),
    "score.xlsx.rubric": (
        "Bộ tiêu chí: {id} — tổng điểm theo hướng dẫn {declared}, tối đa theo các phần {max}",
        "Rubric: {id} — declared total {declared}, sum of sections {max}",
    ),
    "score.xlsx.col.unit_id": ("Mã đơn vị", "Unit id"),
    "score.xlsx.col.unit_name": ("Tên đơn vị", "Unit name"),
    "score.xlsx.col.cluster": ("Cụm", "Cluster"),
    "score.xlsx.col.year": ("Năm", "Year"),
    "score.xlsx.col.period": ("Kỳ", "Period"),
    "score.xlsx.col.self_section": ("Tự chấm Phần {code}", "Self section {code}"),
    "score.xlsx.col.cluster_section": ("Cụm chấm Phần {code}", "Cluster section {code}"),
    "score.xlsx.col.self_total": ("Tự chấm tổng", "Self total"),
    "score.xlsx.col.cluster_total": ("Cụm chấm tổng", "Cluster total"),
    "score.xlsx.col.errors": ("Số lỗi", "Errors"),
    "score.xlsx.col.warnings": ("Số cảnh báo", "Warnings"),
    "score.xlsx.col.code": ("Mã lỗi", "Code"),
    "score.xlsx.col.severity": ("Mức độ", "Severity"),
    "score.xlsx.col.sheet": ("Trang", "Sheet"),
    "score.xlsx.col.cell": ("Ô", "Cell"),
    "score.xlsx.col.criterion": ("Tiêu chí", "Criterion"),
    "score.xlsx.col.message": ("Nội dung", "Message"),
    "score.side.self": ("Tự chấm", "Self"),
    "score.side.cluster": ("Cụm chấm", "Cluster"),
}
