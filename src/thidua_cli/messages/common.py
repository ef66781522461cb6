"""Messages shared by every command: YAML files, paths, generic failures."""

MESSAGES: dict[str, tuple[str, str]] = {
    # why a file operation failed (files.os_reason), instead of the system's English
    "os.no-space": ("ổ đĩa đã đầy (hoặc tệp vượt giới hạn)", "the disk is full (or a file limit)"),
    "os.denied": ("không có quyền truy cập", "permission denied"),
    "os.read-only": ("ổ đĩa chỉ cho phép đọc", "the disk is read-only"),
    "os.name-too-long": ("tên tệp hoặc đường dẫn quá dài", "the file name or path is too long"),
    "os.missing": ("không có tệp hoặc thư mục này", "no such file or folder"),
    "os.not-a-folder": (
        "một phần của đường dẫn không phải thư mục",
        "part of the path is not a folder",
    ),
    "os.a-folder": ("đây là một thư mục", "this is a folder"),
    "os.busy": ("tệp đang được chương trình khác dùng", "the file is in use by another program"),
    "os.io": ("lỗi đọc ghi của ổ đĩa", "the disk reported a read or write error"),
    "yaml.alias": (
        "không cho phép bí danh YAML (alias, *tên)",
        "YAML aliases (*name) are not allowed",
    ),
    "yaml.nesting": (
        "lồng nhau quá {limit} cấp",
        "nested more than {limit} levels deep",
    ),
    "yaml.duplicate_key": (
        "khóa {name!r} xuất hiện hai lần trong cùng một bảng",
        "key {name!r} appears twice in one mapping",
    ),
    "yaml.tab": (
        "có ký tự Tab ở chỗ YAML chỉ nhận dấu cách: hãy xóa Tab, thụt lề bằng dấu cách",
        "a tab character where YAML takes only spaces: delete the tab and indent with spaces",
    ),
    "yaml-unreadable": (
        "Không đọc được tệp {file}: {reason}",
        "Cannot read {file}: {reason}",
    ),
    "yaml-too-big": (
        "Tệp {file} quá lớn ({size} byte, tối đa {limit}); đây không phải một tệp cấu hình hợp lệ.",
        "{file} is too large ({size} bytes, at most {limit}); not a valid configuration file.",
    ),
    "yaml-not-utf8": (
        "Tệp {file} không phải văn bản UTF-8: hãy mở bằng Notepad, chọn File > Save As…, ở ô "
        "Encoding chọn UTF-8 rồi lưu lại.",
        "{file} is not UTF-8 text: open it in Notepad, File > Save As…, choose Encoding UTF-8 "
        "and save.",
    ),
    "yaml-syntax": (
        "Tệp {file}, dòng {line}: YAML không hợp lệ hoặc không an toàn ({reason}).",
        "{file}, line {line}: invalid or unsafe YAML ({reason}).",
    ),
    "yaml-too-deep": (
        "Tệp {file} lồng nhau quá sâu; từ chối đọc.",
        "{file} is nested too deeply; refused.",
    ),
    "path-missing": (
        "Không tìm thấy: {path}",
        "Not found: {path}",
    ),
    "error.prefix": ("Lỗi", "Error"),
    "warning.prefix": ("Cảnh báo", "Warning"),
    "info.prefix": ("Thông tin", "Note"),
    "severity.error": ("lỗi", "error"),
    "severity.warning": ("cảnh báo", "warning"),
    "severity.info": ("thông tin", "info"),
    "write-failed": (
        "Không ghi được {path}: {reason}",
        "Cannot write {path}: {reason}",
    ),
    "bad-language": (
        "Ngôn ngữ không hỗ trợ: {lang} (chọn vi hoặc en).",
        "Unsupported language: {lang} (choose vi or en).",
    ),
    # --- issue 15/16: paths, outputs, the year ---------------------------------------------
    "format-conflict": (
        "Chỉ chọn một dạng kết quả (đang chọn: {formats}).",
        "Choose one output format (given: {formats}).",
    ),
    "out-wrong-suffix": (
        "{option} {path}: tệp này sẽ là {suffix}, hãy đặt tên có đuôi {suffix} (ví dụ {example}).",
        "{option} {path}: this file is a {suffix} file; name it with {suffix} (e.g. {example}).",
    ),
    "out-wrong-suffix.none": (
        "{option} {path}: cần tên một tệp có đuôi {suffix} (ví dụ {example}). "
        "Muốn ghi vào một thư mục thì ghi cả tên tệp.",
        "{option} {path}: a file name ending in {suffix} is needed (e.g. {example}). "
        "To write into a folder, give the file's name too.",
    ),
    "out-is-folder": (
        "{path} là một thư mục; hãy ghi tên tệp (ví dụ {path}/ket-qua.xlsx).",
        "{path} is a folder; give a file name (e.g. {path}/results.xlsx).",
    ),
    "out-is-folder.book": (
        "{path} là một thư mục, không phải sổ thi đua: sổ là một tệp; hãy ghi tên tệp bằng "
        "--book (hoặc THIDUA_BOOK), ví dụ {example}.",
        "{path} is a folder, not a record book: the book is a file; give the file's name with "
        "--book (or THIDUA_BOOK), e.g. {example}.",
    ),
    "out-not-regular": (
        "{path} không phải một tệp thường (thiết bị, ống dẫn…): không ghi đè lên nó.",
        "{path} is not a regular file (a device, a pipe…): not written over.",
    ),
    "out-not-regular.symlink": (
        "{path} là một liên kết (symlink): không ghi qua liên kết, hãy ghi tên tệp thật.",
        "{path} is a symbolic link: not written through; give the real file's name.",
    ),
    "out-is-input": (
        "Không ghi {path}: đó là (hoặc nằm trong) tệp đầu vào {input} của lệnh này. Hãy chọn "
        "một tên khác, ngoài các thư mục bảng điểm.",
        "Not writing {path}: it is (or lies inside) this command's input {input}. Choose "
        "another name, outside the workbook folders.",
    ),
    "out-not-report": (
        "{option} {path}: tệp này đã có và không phải báo cáo do thidua ghi (có thể là bảng "
        "điểm của một đơn vị hay tệp riêng của bạn), nên không ghi đè. Hãy chọn tên khác, hoặc "
        "tự chuyển tệp đó đi nếu không cần nữa.",
        "{option} {path}: this file exists and is not a report thidua wrote (it may be a "
        "unit's form or a file of your own), so it is not written over. Choose another name, "
        "or move that file away yourself if it is no longer needed.",
    ),
    "path-unusable": (
        "Không dùng được đường dẫn {path}: {reason}",
        "Cannot use the path {path}: {reason}",
    ),
    "bad-year": (
        "Năm {year} không hợp lệ: cần một năm từ {low} đến {high}.",
        "Year {year} is not valid: a year from {low} to {high} is needed.",
    ),
    "mixed-forms.year": (
        "Các biểu mẫu thuộc nhiều năm khác nhau (năm và số tệp: {found}): hãy chọn một năm "
        "bằng --year, ví dụ --year {first}.",
        "The forms are of several years (year and files: {found}): choose one with --year, "
        "e.g. --year {first}.",
    ),
    "mixed-forms.period": (
        "Các biểu mẫu thuộc nhiều kỳ khác nhau (kỳ và số tệp: {found}): hãy chọn một kỳ bằng "
        "--period year hoặc --period half.",
        "The forms are of several periods (period and files: {found}): choose one with "
        "--period year or --period half.",
    ),
    "demo-not-ours": (
        "Thư mục {path} đã có tệp không do lệnh demo tạo ra: {files}. Lệnh không xóa hay ghi đè "
        "các tệp đó; hãy chọn một thư mục khác (hoặc dùng --force để chạy bên cạnh chúng).",
        "{path} holds files the demo did not make: {files}. They are never deleted or "
        "overwritten; choose another folder (or --force to run beside them).",
    ),
}
