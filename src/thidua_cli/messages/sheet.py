"""Messages of the units file and of `init-sheet` (the form's own texts included)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "units.role_unknown": (
        "đơn vị {unit} (Cụm trưởng/Cụm phó) không có trong danh sách đơn vị của cụm {cluster}",
        "unit {unit} (cluster head/deputy) is not among the units of cluster {cluster}",
    ),
    "units.standing_required": (
        "thiếu khóa {key}: ghi rõ true hoặc false cho mỗi đơn vị (không ghi không có nghĩa là "
        "đã đăng ký, đã ký kết)",
        "{key} is missing: write true or false for every unit (leaving it out does not mean "
        "registered or signed)",
    ),
    "units.duplicate": (
        "mã đơn vị {unit} bị trùng",
        "duplicate unit id {unit}",
    ),
    "units.duplicate.first": (
        "mã đơn vị {unit} bị trùng (đã có ở dòng {first})",
        "duplicate unit id {unit} (already at line {first})",
    ),
    "units.duplicate_cluster": (
        "mã cụm {cluster} bị trùng",
        "duplicate cluster id {cluster}",
    ),
    "units.duplicate_cluster.first": (
        "mã cụm {cluster} bị trùng (đã có ở dòng {first})",
        "duplicate cluster id {cluster} (already at line {first})",
    ),
    "units-not-mapping": (
        "Tệp {file} phải có khóa clusters ở đầu.",
        "{file} must start with a clusters key.",
    ),
    "units-format.ods": (
        "Tệp {file} là bảng tính LibreOffice (.ods): hãy mở và lưu lại dưới dạng .xlsx "
        "(Lưu thành… > Excel 2007-365) hoặc .yaml, rồi dùng tệp mới.",
        "{file} is a LibreOffice spreadsheet (.ods): save it as .xlsx (Save As… > Excel "
        "2007-365) or .yaml and use the new file.",
    ),
    "units-format.xls": (
        "Tệp {file} là bảng tính Excel cũ (.xls): hãy mở bằng Excel và lưu lại dưới dạng .xlsx "
        "(Excel Workbook) hoặc .yaml, rồi dùng tệp mới.",
        "{file} is an old Excel workbook (.xls): save it as .xlsx (Excel Workbook) or .yaml and "
        "use the new file.",
    ),
    "units-format.csv": (
        "Tệp {file} là tệp CSV: hãy mở bằng Excel và lưu lại dưới dạng .xlsx (Excel Workbook) "
        "hoặc .yaml, với các cột như trong hướng dẫn (Mã cụm, Tên cụm, Mã đơn vị, …).",
        "{file} is a CSV file: open it in Excel and save it as .xlsx (Excel Workbook) or .yaml, "
        "with the columns of the guide (cluster id, cluster name, unit id, …).",
    ),
    "units-format.utf16": (
        "Tệp {file} được lưu dạng UTF-16 (Notepad gọi là «Unicode»): hãy mở bằng Notepad, "
        "chọn File > Save As…, ở ô Encoding chọn UTF-8, lưu lại rồi chạy lại lệnh.",
        "{file} is saved as UTF-16 (Notepad calls it “Unicode”): open it in Notepad, File > "
        "Save As…, choose Encoding UTF-8, save, and run the command again.",
    ),
    "units-format.other": (
        "Tệp {file} không phải tệp danh sách đơn vị: hãy lưu lại dưới dạng .xlsx hoặc .yaml.",
        "{file} is not a units file: save it as .xlsx or .yaml.",
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
    "units.column.year": ("năm thi đua", "year"),
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
    "sheet-filled": (
        "{count} tệp đã có số liệu được nhập, không ghi đè kể cả với --force (đó có thể là "
        "bảng điểm đơn vị đã nộp): {files}. Hãy ghi biểu mẫu mới vào thư mục khác "
        "(--out-dir), hoặc tự chuyển các tệp này đi trước.",
        "{count:~file holds|files hold} typed figures, not overwritten even with --force "
        "(they may be returned forms): {files}. Write the new forms to another folder "
        "(--out-dir), or move these files away first.",
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
    "sheet.year.option": (
        "Năm thi đua: {year} (theo --year).",
        "Competition year: {year} (--year).",
    ),
    "sheet.year.units": (
        "Năm thi đua: {year} (theo tệp đơn vị {source}).",
        "Competition year: {year} (from the units file {source}).",
    ),
    "sheet.year.today": (
        "Năm thi đua: {year} (năm thi đua hiện tại; để chọn năm khác, ghi year: trong tệp đơn "
        "vị — cột Năm thi đua nếu là tệp .xlsx — hoặc dùng --year).",
        "Competition year: {year} (the current one; to choose another, put year: in the units "
        "file — a year column in an .xlsx — or use --year).",
    ),
}
