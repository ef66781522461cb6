"""Messages shared by every command: YAML files, paths, generic failures."""

MESSAGES: dict[str, tuple[str, str]] = {
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
    "yaml-unreadable": (
        "Không đọc được tệp {file}: {reason}",
        "Cannot read {file}: {reason}",
    ),
    "yaml-too-big": (
        "Tệp {file} quá lớn ({size} byte, tối đa {limit}); đây không phải một tệp cấu hình hợp lệ.",
        "{file} is too large ({size} bytes, at most {limit}); not a valid configuration file.",
    ),
    "yaml-not-utf8": (
        "Tệp {file} không phải văn bản UTF-8.",
        "{file} is not UTF-8 text.",
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
}
