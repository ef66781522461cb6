"""Messages of the rubric: loading errors, `criteria show` and `criteria check`."""

MESSAGES: dict[str, tuple[str, str]] = {
    # loading
    "rubric-no-meta": (
        "Không thấy tệp rubric.yaml trong thư mục tiêu chí {dir}.",
        "No rubric.yaml in the criteria directory {dir}.",
    ),
    "rubric-no-section": (
        "Không thấy tệp phần {file} (khai báo trong {meta}).",
        "Section file {file} (listed in {meta}) not found.",
    ),
    "rubric-not-mapping": (
        "Tệp {file} phải là một bảng khóa: giá trị YAML.",
        "{file} must be a YAML mapping.",
    ),
    "rubric-invalid": (
        "Tệp {file}, dòng {line}, tiêu chí {code} ({where}): {reason}",
        "{file}, line {line}, criterion {code} ({where}): {reason}",
    ),
    "rubric-invalid.criterion": (
        "Tệp {file}, dòng {line}, tiêu chí {code}: {reason}",
        "{file}, line {line}, criterion {code}: {reason}",
    ),
    "rubric-duplicate-code": (
        "Tệp {file}, dòng {line}, tiêu chí {code}: mã tiêu chí bị trùng (đã có ở {first}).",
        "{file}, line {line}, criterion {code}: duplicate criterion code (first at {first}).",
    ),
    "rubric-too-deep": (
        "Tệp {file}, dòng {line}, tiêu chí {code}: lồng quá {limit} cấp.",
        "{file}, line {line}, criterion {code}: nested more than {limit} levels deep.",
    ),
    "rubric.group_with_formula": (
        "tiêu chí {code} có tiêu chí con nên không được có ô nhập, mức hay công thức riêng",
        "criterion {code} has children, so it cannot have inputs, levels or a formula",
    ),
    "rubric.child_code": (
        "mã {code} phải bắt đầu bằng mã của mục cha {parent}",
        "code {code} must start with its parent's code {parent}",
    ),
    "rubric.no_formula": (
        "tiêu chí {code} không có tiêu chí con thì phải có công thức (formula)",
        "criterion {code} has no children, so it needs a formula",
    ),
    "rubric.bad_formula": (
        "công thức của tiêu chí {code} không hợp lệ: {reason}",
        "invalid formula for criterion {code}: {reason}",
    ),
    "rubric.duplicate_input": (
        "tiêu chí {code} có hai ô nhập trùng tên",
        "criterion {code} has two inputs with the same name",
    ),
    "rubric.unknown_input": (
        "công thức của tiêu chí {code} dùng ô nhập không khai báo: {names}",
        "the formula of criterion {code} uses undeclared inputs: {names}",
    ),
    "rubric.level_not_level": (
        "tiêu chí {code}: level({name}) chỉ dùng cho ô nhập loại level",
        "criterion {code}: level({name}) needs an input of kind level",
    ),
    "rubric.no_levels": (
        "tiêu chí {code} có ô nhập loại level nhưng không có bảng mức (levels)",
        "criterion {code} has a level input but no levels",
    ),
    "rubric.levels_unused": (
        "tiêu chí {code} có bảng mức nhưng không có ô nhập loại level",
        "criterion {code} has levels but no level input",
    ),
    "rubric.duplicate_level": (
        "tiêu chí {code} có hai mức trùng nhãn",
        "criterion {code} has two levels with the same label",
    ),
    "rubric.unknown_label": (
        "công thức của tiêu chí {code} so sánh {name} với nhãn không có: {label!r}",
        "the formula of criterion {code} compares {name} with an unknown label: {label!r}",
    ),
    # the formula language (reasons inside rubric-invalid)
    "formula.bad-char": (
        "ký tự không hợp lệ ở vị trí {position}: {found}",
        "invalid character at position {position}: {found}",
    ),
    "formula.too-long": (
        "công thức dài quá {limit} ký tự",
        "formula longer than {limit} characters",
    ),
    "formula.unexpected-end": ("công thức kết thúc đột ngột", "the formula ends too early"),
    "formula.expected": ("cần {expected}, gặp {found}", "expected {expected}, found {found}"),
    "formula.trailing": ("thừa {found} ở cuối công thức", "unexpected {found} at the end"),
    "formula.too-deep": ("công thức lồng nhau quá sâu", "the formula is nested too deeply"),
    "formula.text-order": (
        "chữ chỉ so sánh được bằng = hoặc <>, không dùng {op}",
        "text can only be compared with = or <>, not {op}",
    ),
    "formula.unexpected": ("không mong đợi {found}", "unexpected {found}"),
    "formula.if-arguments": (
        "if(điều kiện, giá trị nếu đúng, giá trị nếu sai) cần đúng 3 đối số",
        "if(condition, value if true, value if false) takes exactly 3 arguments",
    ),
    "formula.level-arguments": (
        "level(...) nhận đúng một tên ô nhập",
        "level(...) takes exactly one input name",
    ),
    "formula.function": ("hàm không được phép: {name}", "function not allowed: {name}"),
    "formula.not-a-number": ("công thức phải cho ra một số", "the formula must give a number"),
    "formula.division-by-zero": ("chia cho 0", "division by zero"),
    "formula.unknown-level": (
        "mức không có trong bảng điểm: {label}",
        "level not in the points table: {label}",
    ),
    "formula.bad-node": ("nút không hợp lệ: {node}", "invalid node: {node}"),
    "formula.needs-number": (
        "cần một số, gặp chữ {found}",
        "a number is needed, found text {found}",
    ),
    "formula.condition": ("điều kiện phải là phép so sánh", "the condition must be a comparison"),
    "formula.missing-input": ("ô nhập {name} còn trống", "input {name} is blank"),
    # pydantic error types, by ``error["type"]`` (anything else keeps pydantic's text)
    "validation.missing": ("thiếu khóa bắt buộc", "required key missing"),
    "validation.extra_forbidden": (
        "khóa không được phép (không có trong mẫu tệp)",
        "key not allowed (not part of the file's format)",
    ),
    "validation.extra_forbidden.suggest": (
        "khóa «{key}» không được phép; có phải ý bạn là «{suggestion}»?",
        "key «{key}» is not allowed; did you mean «{suggestion}»?",
    ),
    "validation.other": ("giá trị không hợp lệ", "invalid value"),
    "validation.one_of": ("phải là một trong: {expected}", "must be one of: {expected}"),
    "validation.greater_than_equal": ("phải lớn hơn hoặc bằng {ge}", "must be at least {ge}"),
    "validation.less_than_equal": ("phải nhỏ hơn hoặc bằng {le}", "must be at most {le}"),
    "validation.string_pattern_mismatch": (
        "không đúng dạng (mẫu {pattern})",
        "does not match the pattern {pattern}",
    ),
    "validation.string_type": ("phải là chữ (đặt trong dấu ngoặc kép)", "must be text (quoted)"),
    "validation.string_too_short": ("không được để trống", "must not be empty"),
    "validation.string_too_long": (
        "dài quá {max_length} ký tự",
        "longer than {max_length} characters",
    ),
    "validation.too_short": (
        "cần ít nhất {min_length} mục",
        "needs at least {min_length:~item|items}",
    ),
    "validation.number": ("phải là một số", "must be a number"),
    "validation.whole_number": ("phải là số nguyên", "must be a whole number"),
    "validation.boolean": ("phải là true hoặc false", "must be true or false"),
    "validation.list": ("phải là một danh sách", "must be a list"),
    "validation.mapping": ("phải là một bảng khóa: giá trị", "must be a mapping"),
    # criteria check
    "total-mismatch": (
        "Tổng điểm công bố {declared} khác tổng điểm các phần {actual}.",
        "Declared total {declared} differs from the sum of the sections {actual}.",
    ),
    "children-exceed-max": (
        "Mục {code}: các tiêu chí con cộng lại {children} điểm, vượt điểm tối đa {max} của mục "
        "(điểm mục bị chặn ở {max}).",
        "{code}: its children add up to {children} points, above its maximum {max} "
        "(its points are capped at {max}).",
    ),
    "children-below-max": (
        "Mục {code}: các tiêu chí con cộng lại chỉ {children} điểm, dưới điểm tối đa {max}.",
        "{code}: its children add up to only {children} points, below its maximum {max}.",
    ),
    "unreachable-max": (
        "Tiêu chí {code}: công thức chỉ đạt tối đa {reach} trên {max} điểm.",
        "Criterion {code}: its formula reaches at most {reach} of {max} points.",
    ),
    "exceeds-max": (
        "Tiêu chí {code}: công thức có thể cho tới {reach} điểm, vượt điểm tối đa {max}.",
        "Criterion {code}: its formula can give up to {reach} points, above its maximum {max}.",
    ),
    "negative-points": (
        "Tiêu chí {code}: công thức có thể cho điểm âm ({low}).",
        "Criterion {code}: its formula can give negative points ({low}).",
    ),
    "check.attainable-total": (
        "Tổng điểm cao nhất đạt được là {reach} "
        "(trên {max} điểm của các phần, {declared} điểm công bố).",
        "The highest attainable total is {reach} (of {max} section points, {declared} declared).",
    ),
    "base-section-max": (
        "Phần {code}: điểm tối đa {max} vượt điểm tối đa {base_max} của bộ tiêu chí gốc.",
        "Section {code}: maximum {max} exceeds the base rubric's {base_max}.",
    ),
    "base-section-missing": (
        "Phần {code} của bộ tiêu chí gốc không có trong bộ tiêu chí của Cụm.",
        "Section {code} of the base rubric is missing from the cluster rubric.",
    ),
    "base-section3-changed": (
        "Phần {code} phải giữ nguyên như bộ tiêu chí gốc (Cụm chỉ được cụ thể hóa phần 1, 2); "
        "khác ở: {what}.",
        "Section {code} must stay as in the base rubric (clusters may adapt sections 1 and 2 "
        "only); differs at: {what}.",
    ),
    "check.ok": (
        "Bộ tiêu chí {id}: {errors} lỗi, {warnings} cảnh báo.",
        "Rubric {id}: {errors:~error|errors}, {warnings:~warning|warnings}.",
    ),
    "criteria.exported": (
        "Đã chép {count} tệp bộ tiêu chí vào {dir}: sửa phần 1, 2 cho Cụm, rồi kiểm tra bằng "
        "thidua criteria check.",
        "Copied {count:~rubric file|rubric files} to {dir}: adapt sections 1 and 2, then run "
        "thidua criteria check.",
    ),
    "codes.title": ("Các mã thidua báo", "The codes thidua reports"),
    "codes.col.code": ("Mã", "Code"),
    "codes.col.group": ("Nhóm", "Group"),
    "codes.col.severity": ("Mức", "Severity"),
    "codes.col.vi": ("Tiếng Việt", "Vietnamese"),
    "codes.col.en": ("Tiếng Anh", "English"),
    # criteria show
    "show.rubric": (
        "{title} ({id}, năm {year}); tổng điểm công bố {declared}, tổng các phần {max}",
        "{title} ({id}, year {year}); declared total {declared}, sections add up to {max}",
    ),
    "show.section": ("Phần {code}. {title}", "Section {code}. {title}"),
    "show.added_level": ("bổ sung", "added"),
    "show.input": ("{label}: {kind}", "{label}: {kind}"),
    "show.kind.count": ("số đếm", "count"),
    "show.kind.points": ("điểm", "points"),
    "show.kind.percent": ("tỷ lệ %", "percent"),
    "show.kind.yes/no": ("Có/Không", "yes/no"),
    "show.kind.level": ("mức đánh giá", "level"),
    "show.kind.done": ("Đã/Chưa thực hiện", "done"),
}
