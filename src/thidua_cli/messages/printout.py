"""Messages of issue 11 and 16: the form as sent, what its printout shows, what is still
blank, identity copies that disagree, and files a folder scan leaves aside."""

_REDO = (
    "biểu mẫu đã bị sửa cấu trúc nên không chấm tệp này. Hãy nhập lại số liệu vào biểu mẫu "
    "gốc (không chèn, xóa dòng, không sửa tên ô hay trang) và nộp lại.",
    "the form's structure was changed, so this file is not scored. Re-enter the data in the "
    "original form (no inserted or deleted rows, no renamed cells or sheets) and return it.",
)
_REPRINT = (
    "rồi in và ký lại bản in.",
    "then print and sign the form again.",
)

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the form as sent -----------------------------------------------------------------
    "wrong-template": (
        "Biểu mẫu {file} được tạo bằng phiên bản biểu mẫu {form}, không phải phiên bản "
        "{expected} đang dùng: công thức của hai phiên bản khác nhau nên không chấm tệp này. "
        "Hãy nhập lại số liệu vào biểu mẫu mới (thidua init-sheet).",
        "{file} was made with form version {form}, not the current version {expected}: their "
        "formulas differ, so it is not scored. Re-enter the data in a new form "
        "(thidua init-sheet).",
    ),
    "identity-mismatch": (
        "Thông tin nhận dạng của biểu mẫu {file} không khớp: «{field}» trong trang ẩn _thidua "
        "là «{sheet_value}», trong thuộc tính tệp (File > Properties) là «{value}». Thuộc tính "
        "tệp có thể đã bị sửa; không chấm tệp này. Hãy dùng biểu mẫu gốc do thường trực Cụm gửi.",
        "The identity of {file} disagrees with itself: “{field}” is “{sheet_value}” on the "
        "hidden _thidua sheet and “{value}” in the file properties (File > Properties), which "
        "may have been edited; the file is not scored. Use the form the cluster sent.",
    ),
    "structure-changed.moved": (
        "Tên ô {name} của biểu mẫu trỏ tới {found} thay vì ô {cell}{more}: " + _REDO[0],
        "The form's name {name} points at {found} instead of {cell}{more}: " + _REDO[1],
    ),
    "score.structure.more": (" (và {count} chỗ khác như vậy)", " (and {count} more like it)"),
    "structure-changed.duplicate": (
        "Tên ô {name} (ô {cell}) được đặt nhiều lần, hoặc có bản sao khác kiểu chữ hay chỉ dùng "
        "trong một trang ({others}){more}: " + _REDO[0],
        "The name {name} (cell {cell}) is defined more than once, in another letter case or "
        "for one sheet only ({others}){more}: " + _REDO[1],
    ),
    "structure-changed.unknown": (
        "Biểu mẫu có tên ô {name} ({found}) mà biểu mẫu gốc không có{more}: " + _REDO[0],
        "The workbook has a name {name} ({found}) the original form does not have{more}: "
        + _REDO[1],
    ),
    "structure-changed.hidden-sheet": (
        "Trang «{cell}» của biểu mẫu đang bị ẩn ({state}), nên không có trên bản in: " + _REDO[0],
        "The form's sheet “{cell}” is hidden ({state}), so it is not on the printout: " + _REDO[1],
    ),
    "structure-changed.extra-sheet": (
        "Ô {cell} có công thức lấy số liệu từ trang «{extra}», không thuộc biểu mẫu{more}: "
        + _REDO[0],
        "Cell {cell} has a formula that takes figures from the sheet “{extra}”, which is not "
        "part of the form{more}: " + _REDO[1],
    ),
    "structure-changed.extra-sheet-name": (
        "Tên {name} trỏ tới trang «{extra}», không thuộc biểu mẫu: " + _REDO[0],
        "The name {name} points at the sheet “{extra}”, which is not part of the form: " + _REDO[1],
    ),
    # --- formulas and the printout --------------------------------------------------------
    "formula-changed": (
        "Ô {cell} ({what}) không còn công thức của biểu mẫu (nay là «={formula}»): công thức "
        "đã bị sửa, bản in không còn tính theo tiêu chí. Hãy nhập lại số liệu vào biểu mẫu gốc; "
        "không gõ, dán hay sửa công thức trong ô tính điểm.",
        "Cell {cell} ({what}) no longer holds the form's formula (it is now “={formula}”): the "
        "formula was edited and the printout no longer follows the rubric. Re-enter the data in "
        "the original form; never type, paste or edit in the computed cells.",
    ),
    "formula-changed.deleted": (
        "Ô {cell} ({what}) không còn công thức (nay ghi: {value}): công thức đã bị xóa hoặc bị "
        "gõ đè. Hãy nhập lại số liệu vào biểu mẫu gốc; không gõ hay dán vào ô tính điểm.",
        "Cell {cell} ({what}) has lost its formula (it now holds: {value}): it was deleted or "
        "typed over. Re-enter the data in the original form; never type or paste into the "
        "computed cells.",
    ),
    "printout-differs": (
        "Ô {cell} ({what}) — bản in: {printed}; tính lại theo tiêu chí: {computed}. Công thức "
        "còn nguyên nhưng giá trị đã lưu không khớp (tệp được lưu khi chưa tính lại). Hãy mở "
        "tệp, bấm Ctrl+Alt+F9 (Excel) hoặc Ctrl+Shift+F9 (LibreOffice) để tính lại, lưu, "
        + _REPRINT[0],
        "Cell {cell} ({what}) — printout: {printed}; recomputed from the rubric: {computed}. "
        "The formula is intact but its saved value is stale (the file was saved without "
        "recalculating). Open it, press Ctrl+Alt+F9 (Excel) or Ctrl+Shift+F9 (LibreOffice), "
        "save, " + _REPRINT[1],
    ),
    "printout-differs.text": (
        "Ô {cell} (tiêu chí {code}, {label}) ghi «{value}» dạng chữ, không phải dạng số: công "
        "thức của biểu mẫu không đọc được{on_printout}, còn nếu đó là số "
        "{number} thì điểm là {points}. Hãy gõ lại {number} dưới dạng số (không có dấu nháy "
        "đơn), " + _REPRINT[0],
        "Cell {cell} (criterion {code}, {label}) holds “{value}” as text, not as a number: the "
        "form's formulas cannot read it{on_printout}, while as the "
        "number {number} it gives {points}. Type {number} again as a number (no apostrophe), "
        + _REPRINT[1],
    ),
    "printout-differs.label": (
        "Ô {cell} (tiêu chí {code}, {label}) ghi «{value}»: gần giống «{choice}» nhưng không "
        "đúng từng ký tự (dấu cách đặc biệt, hoặc chữ có dấu gõ kiểu tổ hợp trên máy Mac), nên "
        "công thức của biểu mẫu không nhận ra{on_printout}, còn điểm đúng là "
        "{points}. Hãy chọn lại «{choice}» từ danh sách, " + _REPRINT[0],
        "Cell {cell} (criterion {code}, {label}) holds “{value}”: it looks like “{choice}” but "
        "differs in some character (an unusual space, or accented letters typed decomposed on a "
        "Mac), so the form's formula does not recognise it{on_printout}, "
        "while the points are {points}. Pick “{choice}” from the list again, " + _REPRINT[1],
    ),
    "score.printed.unknown": (
        "chưa tính (tệp chưa được lưu bằng Excel hay LibreOffice)",
        "not computed yet (the file was never saved by Excel or LibreOffice)",
    ),
    "score.printed.blank": ("để trống", "blank"),
    "score.on-printout": (" (điểm trên bản in: {printed})", " (points on the printout: {printed})"),
    "score.printed.value": ("«{value}»", "“{value}”"),
    # --- inputs ---------------------------------------------------------------------------
    "input-formula": (
        "Ô {cell} (tiêu chí {code}, {label}) chứa công thức «={formula}»: ô nhập chứa công "
        "thức: hãy gõ giá trị. Kết quả của công thức không được dùng để chấm.",
        "Cell {cell} (criterion {code}, {label}) holds the formula “={formula}”: an input "
        "cell holds a formula: type the value instead. A formula's result is never scored.",
    ),
    "percent-format": (
        "Ô {cell} (tiêu chí {code}, {label}) ghi {value} nhưng ô không còn định dạng phần "
        "trăm, nên không rõ là {value}% hay {percent}%: hãy đặt định dạng Phần trăm (%) cho ô "
        "rồi gõ tỷ lệ kèm dấu %, ví dụ 80%.",
        "Cell {cell} (criterion {code}, {label}) holds {value} but is no longer formatted as a "
        "percentage, so it could mean {value}% or {percent}%: format the cell as Percentage "
        "(%) and type the rate with its % sign, e.g. 80%.",
    ),
    "blank-input.cluster": (
        "Ô {cell} (tiêu chí {code}, {label}) ở cột Cụm đánh giá còn trống: Cụm cần nhập để "
        "chấm xong.",
        "Cell {cell} (criterion {code}, {label}) in the cluster's column is still blank: the "
        "cluster's scorers need to fill it in.",
    ),
    # --- files left aside -----------------------------------------------------------------
    "skipped-files": ("Bỏ qua: {files}.", "Skipped: {files}."),
    "skipped.macos": ("{name} (tệp phụ của macOS)", "{name} (a macOS companion file)"),
    "skipped.office-lock": (
        "{name} (tệp tạm của Excel hoặc LibreOffice đang mở)",
        "{name} (the lock file of an open Excel or LibreOffice)",
    ),
    "skipped.xlsb": ("{name} (không phải .xlsx)", "{name} (not .xlsx)"),
    "skipped.trailing-space": (
        "«{name}» (tên tệp kết thúc bằng dấu cách: hãy đổi tên)",
        "“{name}” (the name ends with a space: rename it)",
    ),
    "skipped.report": (
        "{name} (báo cáo do thidua ghi, không phải bảng điểm)",
        "{name} (a report thidua wrote, not a returned form)",
    ),
}
