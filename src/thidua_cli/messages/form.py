"""Texts printed on the unit's form (always Vietnamese in the workbook; English for reference)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the national heading, the signers and a part's heading: the papers' words (paper.*)
    "form.title.year": (
        "BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM {year}",
        "EMULATION SELF-SCORING SHEET {year}",
    ),
    "form.title.half": (
        "BẢNG TỰ CHẤM ĐIỂM THI ĐUA SƠ KẾT 6 THÁNG ĐẦU NĂM {year}",
        "EMULATION SELF-SCORING SHEET, FIRST HALF OF {year}",
    ),
    "form.period.year": (
        "(Tổng kết công tác thi đua năm {year}; hoàn thành trước ngày {deadline})",
        "(Year-end review {year}; to be completed before {deadline})",
    ),
    "form.period.half": (
        "(Sơ kết công tác thi đua 6 tháng đầu năm {year}; hoàn thành trước ngày {deadline})",
        "(Half-year review {year}; to be completed before {deadline})",
    ),
    "form.heading.section": (
        "PHẦN {code}. {title} ({max} điểm)",
        "PART {code}. {title} ({max} points)",
    ),
    "form.heading.summary": ("TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM", "SUMMARY OF SCORES"),
    "form.col.code": ("STT", "No."),
    "form.col.title": ("Nội dung, tiêu chí thi đua", "Criterion"),
    "form.col.result": ("Kết quả thực hiện", "Results achieved"),
    "form.col.max": ("Điểm tối đa", "Max points"),
    "form.col.input_label": ("Nội dung đánh giá", "What is assessed"),
    "form.col.self_group": ("Đơn vị tự chấm", "Unit's own scoring"),
    "form.col.cluster_group": ("Cụm chấm", "Cluster's scoring"),
    "form.col.self_input": ("Tự đánh giá", "Self assessment"),
    "form.col.self_points": ("Điểm tự chấm", "Self points"),
    "form.col.cluster_input": ("Cụm đánh giá", "Cluster assessment"),
    "form.col.cluster_points": ("Điểm Cụm chấm", "Cluster points"),
    "form.col.remarks": ("Ghi chú", "Remarks"),
    "form.section_total": ("Cộng Phần {code}", "Total of part {code}"),
    "form.grand_total": ("TỔNG CỘNG", "GRAND TOTAL"),
    "form.date_line": ("......, ngày ... tháng ... năm ...", "......, date ..."),
    "form.signer_hint": ("(Ký tên, đóng dấu)", "(Signature and seal)"),
    "form.footer": ("Trang &P/&N", "Page &P/&N"),
    "form.dv.list.title": ("Chọn trong danh sách", "Choose from the list"),
    "form.dv.list.prompt": ("Chọn một mức: {labels}.", "Choose one of: {labels}."),
    "form.dv.list.error": ("Chỉ được chọn một trong: {labels}.", "Only one of: {labels}."),
    "form.dv.count.title": ("Nhập số nguyên", "Whole number"),
    "form.dv.count.prompt": (
        "Nhập số nguyên từ 0 trở lên (0, 1, 2, ...).",
        "Type a whole number from 0 (0, 1, 2, ...).",
    ),
    "form.dv.count.error": (
        "Phải là số nguyên không âm (0, 1, 2, ...).",
        "Must be a whole number, 0 or more.",
    ),
    "form.dv.points.title": ("Nhập điểm", "Points"),
    "form.dv.points.prompt": (
        "Nhập điểm từ 0 đến {max}, tối đa 2 chữ số thập phân.",
        "Type points from 0 to {max}, at most 2 decimals.",
    ),
    "form.dv.points.error": (
        "Điểm phải là số từ 0 đến {max}.",
        "Points must be a number from 0 to {max}.",
    ),
    "form.dv.percent.title": ("Nhập tỷ lệ %", "Percentage"),
    "form.dv.percent.prompt": (
        "Nhập tỷ lệ phần trăm từ 0% đến 100%, kèm dấu % (ví dụ 62,5%).",
        "Type a percentage from 0% to 100%, with the % sign (e.g. 62.5%).",
    ),
    "form.dv.percent.error": (
        "Tỷ lệ phải từ 0% đến 100%: gõ số kèm dấu %, ví dụ 80%.",
        "The percentage must be from 0% to 100%: type it with the % sign, e.g. 80%.",
    ),
    "form.dv.error_title": ("Giá trị không hợp lệ", "Invalid value"),
}
