"""Messages of the lock and the record book (issues 11 and 13): which side changed what, the
book, its chain and its history."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the lock refuses a cluster side with blank cells --------------------------------
    "lock-cluster-incomplete": (
        "Không khóa số liệu: Cụm chưa chấm xong {count} bảng điểm (các ô «Cụm đánh giá» còn "
        "trống kê dưới đây).",
        "Not locking: the cluster has not finished scoring {count:~workbook|workbooks} (the "
        "blank «Cụm đánh giá» cells are listed below).",
    ),
    "lock-cluster-blank": (
        "{file}: ô «Cụm đánh giá» {cell} còn trống (tiêu chí {code}, {label}).",
        "{file}: the «Cụm đánh giá» cell {cell} is blank (criterion {code}, {label}).",
    ),
    "lock-cluster-blank.file": (
        "{file}: cột «Cụm đánh giá» chưa chấm.",
        "{file}: the «Cụm đánh giá» column is not scored.",
    ),
    "lock-cluster-blank.more": (
        "{file}: còn {count} ô «Cụm đánh giá» trống khác.",
        "{file}: {count:~more blank «Cụm đánh giá» cell|more blank «Cụm đánh giá» cells}.",
    ),
    "lock.too_deep": ("lồng nhau quá sâu", "nested too deep"),
    "lock.not_utf8": (
        "không phải văn bản UTF-8 (byte thứ {offset})",
        "not UTF-8 text (byte {offset})",
    ),
    "lock.not_json": (
        "không đúng cú pháp JSON ở dòng {line}, cột {column}",
        "not valid JSON at line {line}, column {column}",
    ),
    "lock.not_json.constant": ("có giá trị {value} không phải số", "holds {value}, not a number"),
    "lock.number_too_long": (
        "có một số dài {digits} chữ số",
        "it holds a number {digits} digits long",
    ),
    # --- which side changed what after the lock -------------------------------------------
    "cluster-changed-after-lock": (
        "Cụm đã sửa điểm sau khi khóa (cột «Cụm đánh giá», tiêu chí {codes}); chờ khóa lại số "
        "liệu của đơn vị này (thidua lock)",
        "the cluster corrected its scores after the lock (column «Cụm đánh giá», criteria "
        "{codes}); waiting for a new lock of this unit (thidua lock)",
    ),
    "changed-after-verification": (
        "điều chỉnh số liệu sau khi Cụm đã kiểm tra, đối chiếu thống nhất điểm (đơn vị sửa "
        "tiêu chí {codes}); Cụm khóa lại ngày {date}, lý do: {reason} — Hội nghị xem xét",
        "figures changed after the cluster verified and agreed the points (the unit changed "
        "criteria {codes}); re-locked on {date}, reason: {reason} — for the meeting to decide",
    ),
    # --- the record book ------------------------------------------------------------------
    "book-not-sqlite": (
        "Tệp {file} không phải sổ thi đua (không phải tệp SQLite, hoặc tệp đã hỏng). Chọn tệp "
        "khác bằng --book, hoặc khôi phục sổ từ bản sao lưu.",
        "{file} is not a record book (not an SQLite file, or a damaged one). Choose another "
        "file with --book, or restore the book from a backup.",
    ),
    "book-foreign": (
        "Tệp {file} là một cơ sở dữ liệu SQLite khác, không phải sổ thi đua của thidua; không "
        "ghi vào. Chọn tệp khác bằng --book.",
        "{file} is another SQLite database, not a thidua record book; nothing was written. "
        "Choose another file with --book.",
    ),
    "book-newer": (
        "Sổ thi đua {file} do phiên bản thidua mới hơn tạo (lược đồ {schema}, phiên bản này "
        "đọc đến {supported}); cập nhật thidua rồi chạy lại.",
        "The record book {file} was made by a newer thidua (schema {schema}; this version reads "
        "up to {supported}); update thidua and run again.",
    ),
    "book-unreadable": (
        "Không đọc được sổ thi đua {file}: {reason}",
        "Cannot read the record book {file}: {reason}",
    ),
    "book-busy": (
        "Sổ thi đua {file} đang được một lệnh thidua khác ghi; chờ lệnh đó xong rồi chạy lại. "
        "Sổ không bị thay đổi.",
        "The record book {file} is being written by another thidua run; wait for it to finish "
        "and run again. The book is unchanged.",
    ),
    "book-readonly": (
        "Không ghi được sổ thi đua {file}: thư mục hoặc tệp chỉ cho đọc (hay không có quyền "
        "ghi). Sổ không bị thay đổi; chạy lại ở thư mục ghi được, hoặc chọn --book khác.",
        "Cannot write the record book {file}: the folder or the file is read-only (or not "
        "writable for you). The book is unchanged; run again where it can be written, or "
        "choose another --book.",
    ),
    "book-write-failed": (
        "Ghi sổ thi đua {file} không thành ({reason}: đĩa đầy hoặc lỗi ghi). Không có gì được "
        "ghi dở: sổ vẫn như trước. Giải phóng chỗ trống rồi chạy lại.",
        "Writing the record book {file} failed ({reason}: disk full or a write error). Nothing "
        "was half-written: the book is as it was. Free some space and run again.",
    ),
    "book-entry-unreadable": (
        "Mục {seq} của sổ thi đua không đọc được (đã bị sửa?); chạy thidua book verify.",
        "Entry {seq} of the record book does not read back (edited?); run thidua book verify.",
    ),
    "book-relock-needs-reason": (
        "Không khóa lại: số liệu của {count} đơn vị khác lần khóa trước (kê dưới đây). Sổ thi "
        'đua giữ lần khóa cũ; khóa lại cần ghi lý do: --reason "…". Sổ không bị thay đổi.',
        "Not locking again: the figures of {count:~unit differ|units differ} from the previous "
        "lock (listed below). The record book keeps the old lock; locking again needs a "
        'reason: --reason "…". The book is unchanged.',
    ),
    "book-relock-unit": (
        "Đơn vị {unit}: khác lần khóa ngày {date} (mã khóa {digest}): {what}.",
        "Unit {unit}: differs from the lock of {date} (digest {digest}): {what}.",
    ),
    "book.changed.own": ("đơn vị sửa tiêu chí {own}", "the unit changed criteria {own}"),
    "book.changed.cluster": (
        "Cụm sửa điểm tiêu chí {cluster}",
        "the cluster changed criteria {cluster}",
    ),
    "book.changed.both": (
        "đơn vị sửa tiêu chí {own}; Cụm sửa điểm tiêu chí {cluster}",
        "the unit changed criteria {own}; the cluster changed criteria {cluster}",
    ),
    "book-missing": (
        "Chưa có sổ thi đua {file} (sổ được tạo khi chạy thidua lock lần đầu; chọn sổ khác bằng "
        "--book hoặc THIDUA_BOOK).",
        "There is no record book {file} yet (thidua lock creates it the first time; choose "
        "another with --book or THIDUA_BOOK).",
    ),
    "book-broken": (
        "Sổ thi đua {file} đã bị sửa: mục {seq} ({what}) không khớp chuỗi mã kiểm tra; các mục "
        "từ đó về sau không còn đáng tin. Khôi phục sổ từ bản sao lưu.",
        "The record book {file} was altered: entry {seq} ({what}) breaks the chain of digests; "
        "entries from there on cannot be trusted. Restore the book from a backup.",
    ),
    "book-broken.missing": (
        "Sổ thi đua {file} đã bị sửa: mục {seq} bị xóa; các mục từ đó về sau không còn đáng "
        "tin. Khôi phục sổ từ bản sao lưu.",
        "The record book {file} was altered: entry {seq} was removed; entries from there on "
        "cannot be trusted. Restore the book from a backup.",
    ),
    "book-broken.prev": (
        "Sổ thi đua {file} đã bị sửa: mục {seq} ({what}) không nối tiếp mục trước; các mục từ "
        "đó về sau không còn đáng tin. Khôi phục sổ từ bản sao lưu.",
        "The record book {file} was altered: entry {seq} ({what}) does not follow the entry "
        "before it; entries from there on cannot be trusted. Restore the book from a backup.",
    ),
    "book-broken.digest": (
        "Sổ thi đua {file} đã bị sửa: nội dung mục {seq} ({what}) không khớp mã kiểm tra của "
        "nó; các mục từ đó về sau không còn đáng tin. Khôi phục sổ từ bản sao lưu.",
        "The record book {file} was altered: the content of entry {seq} ({what}) does not match "
        "its digest; entries from there on cannot be trusted. Restore the book from a backup.",
    ),
    "book.ok": (
        "Sổ thi đua {file}: {count} mục, chuỗi mã kiểm tra nguyên vẹn (mục cuối: {last}).",
        "Record book {file}: {count:~entry|entries}, the chain of digests is intact (last: "
        "{last}).",
    ),
    "book.kind.lock": (
        "khóa số liệu {unit}, {cluster}, {year}",
        "lock of {unit}, {cluster}, {year}",
    ),
    "book.kind.ranking": ("xếp hạng {cluster}, {year}", "ranking of {cluster}, {year}"),
    "book.kind.vote": ("kết quả suy tôn {cluster}, {year}", "vote of {cluster}, {year}"),
    "book.kind.officers": (
        "Cụm trưởng, Cụm phó {cluster}, {year}",
        "head and deputy of {cluster}, {year}",
    ),
    "lock-not-in-book": (
        "Tệp khóa {file}: số liệu của đơn vị {unit} không khớp lần khóa nào trong sổ thi đua "
        "{book} — tệp khóa đã bị sửa sau khi tạo, hoặc được khóa với một sổ khác. Không dùng "
        "tệp này; bỏ --lock để xếp hạng theo sổ.",
        "Lock file {file}: the figures of unit {unit} match no lock in the record book {book} — "
        "the lock file was edited after it was made, or locked with another book. Do not use "
        "it; drop --lock to rank on the book.",
    ),
    "lock-not-in-book.absent": (
        "Tệp khóa {file}: sổ thi đua {book} không có lần khóa nào của đơn vị {unit}. Nếu tệp "
        "khóa có trước sổ, đưa nó vào sổ: thidua book import {file}",
        "Lock file {file}: the record book {book} has no lock of unit {unit}. If the lock file "
        "predates the book, bring it in: thidua book import {file}",
    ),
    "lock-file-exists": (
        "Tệp khóa {path} đã có; không ghi đè (dùng --force để ghi đè, hoặc chọn tên khác).",
        "The lock file {path} exists; not overwritten (use --force, or choose another name).",
    ),
    "lock-recorded-not-exported": (
        "Số liệu của {units} đơn vị đã được ghi vào sổ thi đua {book}; chỉ tệp khóa chưa ghi "
        "được. Khắc phục lỗi trên rồi chạy lại đúng lệnh này để ghi tệp khóa (không cần "
        "--reason: số liệu trong sổ không đổi).",
        "The figures of {units:~unit|units} are recorded in the record book {book}; only the "
        "lock file could not be written. Fix the problem above and run the same command again "
        "to write it (no --reason needed: the figures in the book are unchanged).",
    ),
    "lock.recorded": (
        "Đã khóa số liệu của {count} đơn vị vào sổ thi đua {book}: {new} khóa mới, {relocked} "
        "khóa lại, {unchanged} không đổi.",
        "Locked the figures of {count:~unit|units} into the record book {book}: {new} new, "
        "{relocked} locked again, {unchanged} unchanged.",
    ),
    "lock.table.title": (
        "Số liệu đã khóa — sổ thi đua {book}",
        "Locked figures — record book {book}",
    ),
    "lock.col.unit": ("Đơn vị", "Unit"),
    "lock.col.status": ("Lần khóa", "Lock"),
    "lock.col.digest": ("Mã khóa", "Digest"),
    "lock.col.date": ("Ngày khóa", "Date"),
    "lock.status.new": ("khóa mới", "new"),
    "lock.status.unchanged": ("không đổi", "unchanged"),
    "lock.status.relocked": ("khóa lại", "locked again"),
    "rank.locked.book": (
        "Đối chiếu với số liệu đã khóa trong sổ thi đua.",
        "Compared with the figures locked in the record book.",
    ),
    "rank.col.lock_digest": ("Mã khóa", "Lock digest"),
    "rank.col.last_rank": ("Hạng năm trước", "Last year's rank"),
    "rank.col.last_total": ("Tổng điểm năm trước", "Last year's total"),
    "history.empty": (
        "Sổ thi đua {book} chưa ghi kết quả hội nghị nào (thidua rank … --out ghi vào sổ).",
        "The record book {book} holds no meeting yet (thidua rank … --out records one).",
    ),
    "history.title.year": (
        "{name} ({id}) — tổng kết năm {year}",
        "{name} ({id}) — year-end {year}",
    ),
    "history.title.half": (
        "{name} ({id}) — sơ kết 6 tháng đầu năm {year}",
        "{name} ({id}) — half-year review {year}",
    ),
    "history.officers": ("Cụm trưởng: {head}; Cụm phó: {deputy}", "Head: {head}; deputy: {deputy}"),
    "history.leader": (
        "Điểm cao nhất: {leader}; Hội nghị suy tôn: {elected}",
        "Top score: {leader}; elected by the meeting: {elected}",
    ),
    "history.lock": (
        "Khóa số liệu {unit} ngày {date}, mã khóa {digest}, người khóa {by}, lý do {reason}",
        "Lock of {unit} on {date}, digest {digest}, by {by}, reason {reason}",
    ),
    # --- help pages (the frame reads help.* keys) -----------------------------------------
    "help.metavar.book": ("<tệp.sqlite>", "<file.sqlite>"),
    "help.metavar.lock.by": ("<họ-tên>", "<name>"),
    "help.metavar.reason": ("<lý-do>", "<reason>"),
    "help.metavar.book.import.by": ("<họ-tên>", "<name>"),
    "help.metavar.book.import.lock_file": ("<tệp.lock>", "<file.lock>"),
    "help.metavar.history.cluster": ("<mã-cụm>", "<cluster-id>"),
    "help.metavar.history.unit": ("<mã-đơn-vị>", "<unit-id>"),
    "help.opt.book": (
        "Sổ thi đua (tệp SQLite); mặc định: biến THIDUA_BOOK, nếu không có thì "
        "so-thi-dua.sqlite ở thư mục hiện tại.",
        "The record book (an SQLite file); default: THIDUA_BOOK, else so-thi-dua.sqlite in the "
        "current folder.",
    ),
    "help.opt.lock.by": (
        "Người khóa số liệu (ghi vào sổ thi đua).",
        "Who locks the figures (recorded in the book).",
    ),
    "help.opt.reason": (
        "Lý do khóa lại đơn vị có số liệu khác lần khóa trước (bắt buộc khi đó).",
        "Why a unit whose figures differ from its previous lock is locked again (required then).",
    ),
    "help.opt.lock.force": (
        "Ghi đè tệp khóa (-o) đã có.",
        "Overwrite an existing lock file (-o).",
    ),
    "help.opt.book.import.by": ("Người đưa tệp vào sổ.", "Who brings the file in."),
    "help.opt.history.cluster": ("Chỉ cụm này.", "Only this cluster."),
    "help.opt.history.unit": (
        "Chỉ đơn vị này (kèm các lần khóa số liệu của nó).",
        "Only this unit (with its locks).",
    ),
    "help.arg.book.import.lock_file": (
        "Tệp khóa số liệu làm trước khi có sổ thi đua.",
        "A lock file made before the record book.",
    ),
    "help.cmd.book": (
        "Sổ thi đua: kiểm tra chuỗi mã kiểm tra, đưa tệp khóa cũ vào sổ.",
        "The record book: check its chain of digests, bring old lock files in.",
    ),
    "help.cmd.book.verify": (
        "Kiểm tra lại chuỗi mã kiểm tra của sổ thi đua; nêu mục đầu tiên bị sửa hoặc bị xóa.\n\n"
        "Mã thoát: 0 sổ nguyên vẹn, 1 sổ đã bị sửa hoặc không đọc được.\n\n"
        "\b\nVí dụ:\n    thidua book verify\n    thidua book verify --book so-thi-dua.sqlite",
        "Re-check the record book's chain of digests; name the first entry edited or removed."
        "\n\nExit codes: 0 intact, 1 altered or unreadable.\n\n"
        "\b\nExamples:\n    thidua book verify\n    thidua book verify --book so-thi-dua.sqlite",
    ),
    "help.cmd.book.import": (
        "Đưa một tệp khóa số liệu có từ trước khi dùng sổ vào sổ thi đua.\n\n"
        '\b\nVí dụ:\n    thidua book import da-doi-chieu.lock --by "Nguyễn Văn A"',
        "Bring a lock file made before the record book into it.\n\n"
        '\b\nExample:\n    thidua book import verified.lock --by "Nguyen Van A"',
    ),
    "help.cmd.history": (
        "Lịch sử thi đua theo từng năm, đọc từ sổ thi đua: Cụm trưởng, Cụm phó, đơn vị điểm "
        "cao nhất và đơn vị được suy tôn, hạng, tổng điểm, tình trạng, đề nghị khen thưởng.\n\n"
        "\b\nVí dụ:\n    thidua history\n    thidua history --cluster cum-1\n"
        "    thidua history --unit BVDK --format json",
        "The emulation year by year, from the record book: head and deputy, the top unit and "
        "the elected one, each unit's rank, total, status and proposals.\n\n"
        "\b\nExamples:\n    thidua history\n    thidua history --cluster cum-1\n"
        "    thidua history --unit BVDK --format json",
    ),
}
