"""Keyset pages (issue 16): walking a list page by page with the last key seen as the
cursor gives every row once, in order, even where the sort column ties; the related
rows of a page come in one query."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.orm import Session

from servicekit.repository import keyset_page, rows_by

metadata = MetaData()
orders = Table("orders", metadata, Column("order_no", String, primary_key=True),
               Column("received_at", DateTime), Column("company_id", String))
lines = Table("lines", metadata, Column("order_no", String), Column("line_no", Integer))
START = datetime(2026, 1, 5, tzinfo=UTC)


def _session() -> Session:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    session = Session(engine)
    # three orders per minute: ties on received_at that only the order number breaks
    session.execute(insert(orders), [
        {"order_no": f"SO-{n:04d}", "received_at": START + timedelta(minutes=n // 3),
         "company_id": "P1"} for n in range(250)])
    session.execute(insert(lines), [{"order_no": f"SO-{n:04d}", "line_no": k}
                                    for n in range(250) for k in (2, 1)])
    return session


def _page(session, after, limit=40):
    query = keyset_page(select(orders), orders, "order_no", after, limit,
                        ("received_at", "desc"), ("order_no", "desc"))
    return [row.order_no for row in session.execute(query)]


def test_walking_the_pages_by_the_last_key_seen_gives_every_order_once_newest_first():
    session = _session()
    seen, after = [], None
    while page := _page(session, after):
        seen += page
        after = page[-1]
    assert seen == [f"SO-{n:04d}" for n in reversed(range(250))]


def test_a_page_after_an_unknown_key_is_empty_rather_than_the_first_page_again():
    assert _page(_session(), "SO-nope") == []


def test_the_lines_of_a_whole_page_come_in_one_query_each_orders_in_line_order():
    session = _session()
    statements = []
    event.listen(session.get_bind(), "before_cursor_execute",
                 lambda *args: statements.append(args[2]))
    grouped = rows_by(session, lines, "order_no", _page(session, None), "line_no")
    assert len(statements) == 2  # the page, then its lines
    assert len(grouped) == 40
    assert all([row.line_no for row in rows] == [1, 2] for rows in grouped.values())


def test_mixed_directions_walk_every_order_once_too():
    session = _session()
    seen, after = [], None
    while True:
        query = keyset_page(select(orders), orders, "order_no", after, 33,
                            ("received_at", "desc"), ("order_no", "asc"))
        page = [row.order_no for row in session.execute(query)]
        if not page:
            break
        seen, after = seen + page, page[-1]
    minutes = sorted({n // 3 for n in range(250)}, reverse=True)
    assert seen == [f"SO-{n:04d}" for minute in minutes for n in range(250) if n // 3 == minute]
