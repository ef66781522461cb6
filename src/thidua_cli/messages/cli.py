"""The command line's own words: help pages, usage errors, option texts (``cli.frame``).

``help.cmd.<command>``: a command's help (first sentence: its line in the list of commands; a
paragraph starting with ``\\b`` is printed as it is, for examples). ``help.opt.<name>`` and
``help.opt.<command>.<name>``: an option's text; ``help.metavar.*``: what to type after it;
``help.arg.*``: an argument's text.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the frame ------------------------------------------------------------------------
    "help.usage.prefix": ("Cách dùng:", "Usage:"),
    "help.usage.options": ("[TÙY_CHỌN]", "[OPTIONS]"),
    "help.usage.command": ("LỆNH [THAM_SỐ]...", "COMMAND [ARGS]..."),
    "help.section.arguments": ("Tham số", "Arguments"),
    "help.section.options": ("Tùy chọn", "Options"),
    "help.section.commands": ("Lệnh", "Commands"),
    "help.default": ("[mặc định: {value}]", "[default: {value}]"),
    "help.required": ("[bắt buộc]", "[required]"),
    "usage.try-help": ("Xem hướng dẫn: {command} -h", "For help: {command} -h"),
    "usage.missing-option": ("Thiếu tùy chọn {name}.", "Missing option {name}."),
    "usage.missing-argument": ("Thiếu tham số «{name}».", "Missing argument “{name}”."),
    "usage.bad-value": (
        "Giá trị không hợp lệ cho {name}: cần {expected}.",
        "Invalid value for {name}: expected {expected}.",
    ),
    "usage.bad-value.given": (
        "Giá trị «{value}» không hợp lệ cho {name}: cần {expected}.",
        "Invalid value “{value}” for {name}: expected {expected}.",
    ),
    "usage.no-such-option": ("Không có tùy chọn {name}.", "No such option: {name}."),
    "usage.no-such-option.hint": (
        "Không có tùy chọn {name} (có phải là {hint}?).",
        "No such option: {name} (did you mean {hint}?).",
    ),
    "usage.needs-value": ("Tùy chọn {name} cần một giá trị.", "Option {name} needs a value."),
    "usage.no-such-command": ("Không có lệnh «{value}».", "No such command “{value}”."),
    "usage.extra": ("Thừa tham số: {value}.", "Unexpected extra argument: {value}."),
    "usage.other": ("{message}", "{message}"),
    "usage.aborted": ("Đã dừng.", "Stopped."),
    "usage.env-lang-unknown": (
        "Lưu ý: THIDUA_LANG={value} không phải vi hay en; thông báo viết bằng tiếng Việt.",
        "Note: THIDUA_LANG={value} is neither vi nor en; messages are in Vietnamese.",
    ),
    "version": ("thidua {version}", "thidua {version}"),
    # --- metavars: what to type -----------------------------------------------------------
    "help.metavar.paths": ("ĐƯỜNG_DẪN...", "PATH..."),
    "help.metavar.directory": ("THƯ_MỤC", "DIR"),
    "help.metavar.criteria": ("<thư-mục>", "<dir>"),
    "help.metavar.base": ("<thư-mục>", "<dir>"),
    "help.metavar.units": ("<tệp.yaml|tệp.xlsx>", "<file.yaml|file.xlsx>"),
    "help.metavar.lock": ("<tệp.lock>", "<file.lock>"),
    "help.metavar.out": ("<tệp.xlsx>", "<file.xlsx>"),
    "help.metavar.lock.out": ("<tệp.lock>", "<file.lock>"),
    "help.metavar.out_dir": ("<thư-mục>", "<dir>"),
    "help.metavar.year": ("<năm>", "<year>"),
    "help.metavar.period": ("<year|half>", "<year|half>"),
    "help.metavar.lang": ("<vi|en>", "<vi|en>"),
    "help.metavar.by": ("<cluster|self>", "<cluster|self>"),
    "help.metavar.format": ("<table|json|csv>", "<table|json|csv>"),
    "help.metavar.province_flag_total": ("<số>", "<number>"),
    "help.metavar.cluster": ("<mã-cụm>", "<cluster-id>"),
    "help.metavar.unit": ("<mã-đơn-vị>", "<unit-id>"),
    "help.metavar.unit_id": ("<mã-đơn-vị>", "<unit-id>"),
    "help.metavar.unit_name": ("<tên>", "<name>"),
    "help.metavar.elected": ("<mã-cụm>=<mã-đơn-vị>", "<cluster-id>=<unit-id>"),
    # --- options --------------------------------------------------------------------------
    "help.opt.help": ("Hiện hướng dẫn này rồi thoát.", "Show this help and exit."),
    "help.opt.version": ("In số phiên bản rồi thoát.", "Print the version and exit."),
    "help.opt.lang": (
        "Ngôn ngữ thông báo: vi (mặc định) hoặc en; cũng đặt được bằng biến THIDUA_LANG.",
        "Language of the messages: vi (default) or en; THIDUA_LANG sets it too.",
    ),
    "help.opt.debug": ("Hiện traceback khi có lỗi.", "Show the traceback of an error."),
    "help.opt.criteria": (
        "Thư mục bộ tiêu chí (mặc định: bộ tiêu chí đi kèm).",
        "Criteria folder (default: the built-in rubric).",
    ),
    "help.opt.json": (
        "In kết quả dạng JSON (như --format json).",
        "Print JSON (as --format json).",
    ),
    "help.opt.init-sheet.json": (
        "In danh sách các tệp đã ghi (và năm, kỳ) dạng JSON.",
        "Print the files written (and the year, period) as JSON.",
    ),
    "help.opt.csv": ("In kết quả dạng CSV (như --format csv).", "Print CSV (as --format csv)."),
    "help.opt.format": (
        "Dạng kết quả in ra stdout: table (bảng), json hoặc csv (số có dấu chấm thập phân).",
        "What stdout gets: table, json or csv (numbers with a decimal dot).",
    ),
    "help.opt.year": (
        "Chỉ nhận biểu mẫu của năm này (mặc định: năm ghi trong các biểu mẫu).",
        "Only accept forms of this year (default: the year the forms carry).",
    ),
    "help.opt.init-sheet.year": (
        "Năm thi đua (mặc định: year: trong tệp đơn vị, nếu không có thì năm thi đua hiện tại).",
        "Competition year (default: year: in the units file, else the current competition year).",
    ),
    "help.opt.period": (
        "Chỉ nhận biểu mẫu của kỳ này: year (tổng kết năm) hoặc half (sơ kết 6 tháng); mặc "
        "định: kỳ ghi trong các biểu mẫu.",
        "Only accept forms of this period: year (year-end) or half (half-year review); "
        "default: the period the forms carry.",
    ),
    "help.opt.init-sheet.period": (
        "year: tổng kết năm; half: sơ kết 6 tháng (mặc định: period: trong tệp đơn vị, nếu "
        "không có thì year).",
        "year: year-end review; half: half-year review (default: period: in the units file, "
        "else year).",
    ),
    "help.opt.force": ("Ghi đè các tệp đã có.", "Overwrite existing files."),
    "help.opt.elected": (
        "Kết quả suy tôn của Hội nghị Cụm: đơn vị được bầu nhất Cụm (lặp lại được, mỗi cụm một "
        "lần).",
        "The cluster meeting's vote: the unit elected leader (repeatable, once per cluster).",
    ),
    "help.opt.score.units": (
        "Danh sách đơn vị (.yaml hoặc .xlsx): đơn vị của cụm có bộ tiêu chí riêng được chấm "
        "theo bộ tiêu chí đó.",
        "The units file (.yaml or .xlsx): units of a cluster with its own rubric are scored on "
        "that rubric.",
    ),
    "help.opt.lock.units": (
        "Danh sách đơn vị (.yaml hoặc .xlsx): đơn vị của cụm có bộ tiêu chí riêng được chấm "
        "theo bộ tiêu chí đó.",
        "The units file (.yaml or .xlsx): units of a cluster with its own rubric are scored on "
        "that rubric.",
    ),
    "help.opt.units": (
        "Tệp danh sách đơn vị (.yaml hoặc .xlsx).",
        "The units file (.yaml or .xlsx).",
    ),
    "help.opt.out_dir": ("Thư mục ghi các biểu mẫu.", "Folder to write the forms into."),
    "help.opt.demo.out_dir": (
        "Thư mục ghi các tệp của bản chạy thử.",
        "Folder for the demo's files.",
    ),
    "help.opt.demo.force": (
        "Chạy cả khi thư mục đã có tệp khác (các tệp đó không bị xóa hay ghi đè).",
        "Run even when the folder holds other files (they are never deleted or overwritten).",
    ),
    "help.opt.cluster": (
        "Với --units: mã cụm cần ghi. Với --unit-id: tên cụm của đơn vị.",
        "With --units: the cluster to write. With --unit-id: the unit's cluster name.",
    ),
    "help.opt.unit": (
        "Chỉ ghi đơn vị có mã này (lặp lại được).",
        "Only this unit's form (may be repeated).",
    ),
    "help.opt.unit_id": ("Mã đơn vị (ghi một biểu mẫu).", "Unit id (one form)."),
    "help.opt.unit_name": ("Tên đơn vị (ghi một biểu mẫu).", "Unit name (one form)."),
    "help.opt.score.out": (
        "Ghi kết quả ra một bảng tính .xlsx (ví dụ ket-qua-cham.xlsx).",
        "Write the results to an .xlsx workbook (e.g. scores.xlsx).",
    ),
    "help.opt.lock.out": (
        "Xuất thêm tệp khóa số liệu (.lock) cho rank --lock; không ghi đè tệp đã có (trừ khi "
        "--force).",
        "Also export a lock file (.lock) for rank --lock; never over an existing one (unless "
        "--force).",
    ),
    "help.opt.rank.out": (
        "Ghi bảng tổng hợp cho hội nghị (.xlsx).",
        "Write the meeting workbook (.xlsx).",
    ),
    "help.opt.lock": (
        "Tệp khóa số liệu (thidua lock); lặp lại được, mỗi cụm một tệp.",
        "A lock file (thidua lock); may be repeated, one per cluster.",
    ),
    "help.opt.by": (
        "Xếp theo điểm Cụm chấm (cluster) hoặc xem trước theo điểm tự chấm (self).",
        "Rank on the cluster's scores (cluster) or preview on self scores (self).",
    ),
    "help.opt.province_flag_total": (
        "Tổng số tập thể đạt tiêu chuẩn Cờ thi đua của UBND tỉnh (kiểm tra giới hạn 20%).",
        "Collectives meeting the provincial-flag standard (checks the 20 % cap).",
    ),
    "help.opt.base": (
        "Bộ tiêu chí gốc để đối chiếu bộ tiêu chí của Cụm.",
        "The base rubric to check a cluster's rubric against.",
    ),
    # --- arguments ------------------------------------------------------------------------
    "help.arg.paths": (
        "Bảng điểm đơn vị gửi lại: tệp .xlsx hoặc thư mục.",
        "Returned workbooks: .xlsx files or folders.",
    ),
    "help.arg.directory": (
        "Thư mục bộ tiêu chí (mặc định: bộ tiêu chí đi kèm syt-thanh-hoa-2020).",
        "Criteria folder (default: the built-in syt-thanh-hoa-2020).",
    ),
    "help.arg.criteria.export.directory": (
        "Thư mục sẽ ghi bộ tiêu chí.",
        "Folder to copy the rubric into.",
    ),
    # --- commands -------------------------------------------------------------------------
    "help.cmd.thidua": (
        "Chấm điểm thi đua các Cụm thi đua ngành Y tế: biểu mẫu, chấm lại, xếp hạng.\n\n"
        "Mỗi lệnh có hướng dẫn riêng: thidua score -h. Mã thoát: 0 không có lỗi, 1 có lỗi "
        "trong số liệu, 2 gõ sai lệnh hoặc thiếu tệp.",
        "Emulation scoring of the health sector's clusters: forms, re-scoring, ranking.\n\n"
        "Each command has its own help: thidua score -h. Exit codes: 0 no errors, 1 errors in "
        "the data, 2 usage errors or missing files.",
    ),
    "help.cmd.init-sheet": (
        "Tạo biểu mẫu tự chấm điểm thi đua (.xlsx) cho từng đơn vị.\n\n"
        "Năm thi đua lấy từ --year, nếu không có thì từ year: trong tệp đơn vị, nếu không có "
        "nữa thì là năm thi đua hiện tại (tháng 1 vẫn thuộc đợt tổng kết của năm trước).\n\n"
        "\b\nVí dụ:\n"
        "    thidua init-sheet --units units.yaml --out-dir bieu-mau\n"
        '    thidua init-sheet --unit-id BVDK --unit-name "Bệnh viện Đa khoa tỉnh" '
        '--cluster "Cụm thi đua số 1"',
        "Write each unit's self-assessment form (.xlsx).\n\n"
        "The year comes from --year, else year: in the units file, else the current "
        "competition year (January still belongs to the previous year's review).\n\n"
        "\b\nExamples:\n"
        "    thidua init-sheet --units units.yaml --out-dir forms\n"
        '    thidua init-sheet --unit-id BVDK --unit-name "Provincial hospital" '
        '--cluster "Cluster 1"',
    ),
    "help.cmd.score": (
        "Chấm lại các bảng tính đơn vị gửi về: kiểm tra từng ô, tính lại mọi điểm, báo mọi "
        "lỗi.\n\n"
        "Năm và kỳ lấy từ chính các biểu mẫu; --year, --period chỉ để lọc. Mã thoát: 0 không "
        "có lỗi, 1 còn lỗi trong số liệu, 2 gõ sai lệnh.\n\n"
        "\b\nVí dụ:\n"
        "    thidua score da-nop\n"
        "    thidua score da-nop --out ket-qua-cham.xlsx\n"
        "    thidua score da-nop --format csv > ket-qua.csv",
        "Re-score the returned workbooks: check every cell, recompute every point, report "
        "every problem.\n\n"
        "Year and period come from the forms; --year and --period only filter. Exit codes: 0 "
        "no errors, 1 errors in the data, 2 usage errors.\n\n"
        "\b\nExamples:\n"
        "    thidua score returned\n"
        "    thidua score returned --out scores.xlsx\n"
        "    thidua score returned --format csv > scores.csv",
    ),
    "help.cmd.lock": (
        "Khóa số liệu đã đối chiếu thống nhất: ghi mọi ô nhập và điểm từng tiêu chí của hai "
        "bên vào sổ thi đua.\n\n"
        "Từ chối khi còn bảng điểm có lỗi hoặc ô «Cụm đánh giá» còn trống; khóa lại đơn vị có "
        "số liệu khác lần trước cần --reason. -o xuất thêm tệp khóa (không ghi đè tệp đã có).\n\n"
        '\b\nVí dụ:\n    thidua lock da-nop --by "Nguyễn Văn A" -o da-doi-chieu.lock\n'
        '    thidua lock da-nop/BVDK.xlsx --reason "Cụm kiểm tra lại tiêu chí 1.8"',
        "Lock the agreed figures: every input and every criterion's points of both sides, into "
        "the record book.\n\n"
        "Refused while a workbook has errors or a blank cluster-assessment cell; locking again a "
        "unit whose figures changed needs --reason. -o also exports a lock file (never over an "
        "existing one).\n\n"
        '\b\nExamples:\n    thidua lock returned --by "Nguyen Van A" -o verified.lock\n'
        '    thidua lock returned/BVDK.xlsx --reason "the cluster checked 1.8 again"',
    ),
    "help.cmd.rank": (
        "Xếp hạng từng Cụm: tình trạng từng đơn vị, đơn vị nhất Cụm, đề nghị Cờ thi đua.\n\n"
        "\b\nVí dụ:\n"
        "    thidua rank da-nop --units units.yaml --lock da-doi-chieu.lock --out xep-hang.xlsx\n"
        "    thidua rank da-nop --units units.yaml --lock da-doi-chieu.lock --elected cum-1=BVNHI",
        "Rank every cluster: each unit's status, the leader, the flag proposals.\n\n"
        "\b\nExample:\n"
        "    thidua rank returned --units units.yaml --lock verified.lock --out ranking.xlsx\n"
        "    thidua rank returned --units units.yaml --lock verified.lock --elected cum-1=BVNHI",
    ),
    "help.cmd.demo": (
        "Chạy thử cả năm trên các đơn vị mẫu: biểu mẫu, số liệu mẫu (có lỗi rồi sửa), chấm, "
        "khóa, xếp hạng.\n\n"
        "Không bao giờ xóa hay ghi đè một tệp mà lệnh không tạo ra.\n\n"
        "\b\nVí dụ:\n    thidua demo --out-dir thidua-demo",
        "Run the whole year on the sample units: forms, sample returns (with mistakes, then "
        "corrected), scores, lock, ranking.\n\n"
        "Never deletes or overwrites a file it did not create.\n\n"
        "\b\nExample:\n    thidua demo --out-dir thidua-demo",
    ),
    "help.cmd.criteria": (
        "Xem và kiểm tra bộ tiêu chí chấm điểm.",
        "Show and check the scoring rubric.",
    ),
    "help.cmd.criteria.show": (
        "In bộ tiêu chí dạng cây với điểm tối đa.\n\n"
        "\b\nVí dụ:\n    thidua criteria show\n    thidua criteria show cum-1 --format json",
        "Print the rubric as a tree with its maxima.\n\n"
        "\b\nExamples:\n    thidua criteria show\n    thidua criteria show cum-1 --format json",
    ),
    "help.cmd.criteria.check": (
        "Kiểm tra bộ tiêu chí: tổng điểm, điểm các mục con, điểm đạt được.\n\n"
        "Với --base: đối chiếu bộ tiêu chí của Cụm với bộ gốc (phần 1, 2 không vượt điểm, "
        "phần 3 giữ nguyên). Thoát 0 khi chỉ có cảnh báo, 1 khi có lỗi, 2 khi sai tham số.\n\n"
        "\b\nVí dụ:\n"
        "    thidua criteria check\n"
        "    thidua criteria export goc\n"
        "    thidua criteria export cum-1\n"
        "    thidua criteria check cum-1 --base goc --format json",
        "Check a rubric: totals, children's points, the attainable total.\n\n"
        "With --base: check a cluster's rubric against its base (sections 1 and 2 within their "
        "totals, section 3 unchanged). Exit 0 with warnings only, 1 with errors, 2 on usage "
        "errors.\n\n"
        "\b\nExamples:\n"
        "    thidua criteria check\n"
        "    thidua criteria export base\n"
        "    thidua criteria export cluster-1\n"
        "    thidua criteria check cluster-1 --base base --format json",
    ),
    "help.cmd.criteria.export": (
        "Chép bộ tiêu chí đi kèm ra một thư mục để Cụm cụ thể hóa (phần 1, 2).\n\n"
        "\b\nVí dụ:\n    thidua criteria export goc      (bộ gốc, để đối chiếu)\n"
        "    thidua criteria export cum-1    (bản để Cụm sửa)\n"
        "    thidua criteria check cum-1 --base goc",
        "Copy the built-in rubric into a folder for a cluster to adapt (sections 1, 2).\n\n"
        "\b\nExamples:\n    thidua criteria export base         (the original, to compare with)\n"
        "    thidua criteria export cluster-1    (the copy the cluster adapts)\n"
        "    thidua criteria check cluster-1 --base base",
    ),
    "help.cmd.criteria.codes": (
        "Liệt kê mọi mã lỗi, cảnh báo và lý do mà thidua báo, kèm ý nghĩa (cả hai ngôn ngữ).\n\n"
        "\b\nVí dụ:\n    thidua criteria codes --format csv",
        "List every problem, warning and reason code thidua reports, with its meaning (both "
        "languages).\n\n"
        "\b\nExample:\n    thidua criteria codes --format csv",
    ),
}
