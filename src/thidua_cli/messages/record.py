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
}
