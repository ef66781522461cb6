"""Messages of the units file and of `init-sheet` (the form's own texts included)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "units.role_unknown": (
        "đơn vị {unit} (Cụm trưởng/Cụm phó) không có trong danh sách đơn vị của cụm {cluster}",
        "unit {unit} (cluster head/deputy) is not among the units of cluster {cluster}",
    ),
    "units.duplicate": (
        "mã đơn vị {unit} bị trùng",
        "duplicate unit id {unit}",
    ),
    "units.duplicate_cluster": (
        "mã cụm bị trùng",
        "duplicate cluster id",
    ),
    "units.not_mapping": (
        "Tệp {file} phải có khóa clusters ở đầu.",
        "{file} must start with a clusters key.",
    ),
    "units.invalid": (
        "Tệp {file}, dòng {line} ({where}): {reason}",
        "{file}, line {line} ({where}): {reason}",
    ),
}
