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
    "units-not-mapping": (
        "Tệp {file} phải có khóa clusters ở đầu.",
        "{file} must start with a clusters key.",
    ),
    "units-invalid": (
        "Tệp {file}, dòng {line} ({where}): {reason}",
        "{file}, line {line} ({where}): {reason}",
    ),
    # the columns of a units workbook (units_xlsx.COLUMNS: the first two headers of each)
    "units.column.cluster_id": ("mã cụm", "cluster id"),
    "units.column.cluster_name": ("tên cụm", "cluster name"),
    "units.column.unit_id": ("mã đơn vị", "unit id"),
    "units.column.unit_name": ("tên đơn vị", "unit name"),
    "units.column.role": ("vai trò", "role"),
    "units.column.registered": ("đăng ký thi đua", "registered"),
    "units.column.agreement_signed": ("ký kết giao ước", "agreement signed"),
    "units.column.violation": ("vi phạm", "violation"),
    "units.column.pending_investigation": ("chờ kết luận", "pending investigation"),
    "units.column.criteria": ("bộ tiêu chí", "criteria"),
    # --- init-sheet (console) -------------------------------------------------------------
    "sheet-unknown-unit": (
        "Không có đơn vị mã {unit} trong {file}.",
        "No unit with id {unit} in {file}.",
    ),
    "sheet-unknown-cluster": (
        "Không có cụm mã {cluster} trong {file}.",
        "No cluster with id {cluster} in {file}.",
    ),
    "sheet-no-units": (
        "Chưa chọn đơn vị: dùng --units UNITS.yaml, "
        "hoặc --unit-id, --unit-name và --cluster cho một đơn vị.",
        "No unit chosen: use --units UNITS.yaml, "
        "or --unit-id, --unit-name and --cluster for one unit.",
    ),
    "sheet-mixed-modes": (
        "Không dùng --units cùng với --unit-id/--unit-name.",
        "--units cannot be combined with --unit-id/--unit-name.",
    ),
    "sheet-single-missing": (
        "Thiếu {options}: ghi biểu mẫu cho một đơn vị cần --unit-id, --unit-name và --cluster.",
        "Missing {options}: one unit's form needs --unit-id, --unit-name and --cluster.",
    ),
    "sheet-bad-unit-id": (
        "Mã đơn vị không hợp lệ: {unit!r} "
        "(chỉ gồm chữ không dấu, số, '.', '_', '-'; tối đa 64 ký tự).",
        "Invalid unit id: {unit!r} "
        "(ASCII letters, digits, '.', '_', '-' only; at most 64 characters).",
    ),
    "sheet-bad-unit-name": (
        "Tên đơn vị không hợp lệ: cần từ 1 đến 300 ký tự.",
        "Invalid unit name: 1 to 300 characters are needed.",
    ),
    "sheet-filename-clash": (
        "Đơn vị {first} và {second} cho cùng một tên tệp {file}; đổi mã một đơn vị.",
        "Units {first} and {second} map to the same file name {file}; rename one of them.",
    ),
    "sheet-exists": (
        "{count} tệp đã có, không ghi đè (dùng --force để ghi đè): {files}",
        "{count:~file already exists|files already exist}, not overwritten (use --force): {files}",
    ),
    "sheet-out-not-dir": (
        "{path} không phải là thư mục.",
        "{path} is not a folder.",
    ),
    "sheet.written": (
        "Đã ghi {count} biểu mẫu vào {dir}.",
        "Wrote {count:~form|forms} to {dir}.",
    ),
    "export-exists": (
        "{count} tệp đã có, không ghi đè (dùng --force để ghi đè): {files}",
        "{count:~file already exists|files already exist}; not overwritten (use --force): {files}",
    ),
    "sheet.progress": ("Đang tạo biểu mẫu", "Writing forms"),
}
