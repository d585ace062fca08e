# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""淘宝 / 天猫 seller-centre exports: the order report (订单报表, one row an
order) and the item report (宝贝报表, one row a sub-order), told apart by
their headers and given in one import."""
from .aliases import REFUND_KINDS, STATUSES, TAOBAO_ITEMS, TAOBAO_ORDERS
from .assembly import Assembly, read_order_values
from .tabular import open_table

SCHEMAS = {'orders': TAOBAO_ORDERS, 'items': TAOBAO_ITEMS}


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
                assembly.order(fields, read_head(fields))
            else:
                read_item(assembly, fields)
    return assembly.orders()


def read_head(fields):
    return dict(read_order_values(fields, STATUSES['taobao']),
        coupon=fields.amount('coupon'))


def read_item(assembly, fields):
    number = fields.text('number', required=True)
    draft = assembly.drafts.get(number)
    if number and draft is None:
        fields.error('number', 'unknown_order', value=number)
    assembly.line(draft, fields, {
            'sub_number': fields.text('sub_number'),
            'sku': fields.text('sku', required=True),
            'title': fields.text('title'),
            'quantity': fields.quantity('quantity'),
            'unit_price': fields.amount('unit_price', required=True),
            'merchant_discount': fields.amount('merchant_discount'),
            'refund_amount': fields.amount('refund_amount'),
            'refund_kind': fields.choice('refund_kind', REFUND_KINDS),
            })
