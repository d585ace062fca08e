# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The JSON form of an Order, for webhooks and for any source that maps
itself onto it: money as decimal strings, times ISO-8601 with offset."""
from .aliases import NORMALISED, REFUND_KINDS, STATUSES
from .assembly import Assembly, Dialect, add_documents, read_json_files
from .errors import ImportRefused


DIALECT = Dialect(STATUSES['normalised'], REFUND_KINDS, fen=False, unix=False)


def read(files, timezone, errors):
    return read_json_files(
        'normalised', NORMALISED, DIALECT, files, timezone, errors)


def read_normalised(payload, *, source='request', timezone='Asia/Shanghai'):
    "The Orders of payload ({'orders': [...]} or one order); ImportRefused"
    if isinstance(payload, dict) and 'orders' not in payload:
        payload = {'orders': [payload]}
    errors = []
    assembly = Assembly('normalised', errors)
    add_documents(assembly, source, payload, NORMALISED, DIALECT, timezone)
    orders = assembly.orders()
    if errors:
        raise ImportRefused(errors)
    return orders


def _time(value):
    return value.isoformat() if value else None


def _money(value):
    return str(value)


def normalised(order):
    "The JSON form of order; read_normalised reads it back as an equal one"
    return {
        'platform': order.platform,
        'order_no': order.number,
        'shop': order.shop,
        'order_time': _time(order.order_time),
        'pay_time': _time(order.pay_time),
        'ship_time': _time(order.ship_time),
        'buyer_id': order.buyer,
        'status': order.status,
        'freight': _money(order.freight),
        'lines': [{
                'sub_order_no': line.sub_number,
                'sku_code': line.sku,
                'barcode': line.barcode,
                'title': line.title,
                'qty': int(line.quantity),
                'unit_price': _money(line.unit_price),
                'line_paid': _money(line.paid),
                'merchant_discount': _money(line.merchant_discount),
                'platform_discount': _money(line.platform_discount),
                'refund_amount': _money(line.refund_amount),
                'refund_kind': line.refund_kind,
                } for line in order.lines],
        }
