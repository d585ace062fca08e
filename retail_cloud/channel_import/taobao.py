# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""淘宝 / 天猫 seller-centre exports: the order report (订单报表, one row an
order) and the item report (宝贝报表, one row a sub-order), told apart by
their headers and given in one import."""
from .aliases import REFUND_KINDS, STATUSES, TAOBAO_ITEMS, TAOBAO_ORDERS
from .assembly import Assembly, Dialect, read_head, read_line
from .tabular import open_table

SCHEMAS = {'orders': TAOBAO_ORDERS, 'items': TAOBAO_ITEMS}
DIALECT = Dialect(STATUSES['taobao'], REFUND_KINDS, fen=False, unix=False)


def read(files, timezone, errors):
    tables = [open_table(filename, data, SCHEMAS, 'taobao', errors)
        for filename, data in files]
    tables = [t for t in tables if t is not None]
    # Lines need their order: read the order reports first
    tables.sort(key=lambda t: t.schema != 'orders')
    assembly = Assembly('taobao', errors)
    for table in tables:
        for fields in table.fields(timezone):
            if table.schema == 'orders':
                assembly.order(fields, read_head(fields, DIALECT))
            else:
                read_item(assembly, fields)
    return assembly.orders()


def read_item(assembly, fields):
    "A sub-order of the item report, added to its order from the order report"
    number = fields.text('number')
    draft = assembly.drafts.get(number)
    if number and draft is None:
        fields.error('number', 'unknown_order', value=number)
    assembly.line(draft, fields, read_line(fields, DIALECT))
