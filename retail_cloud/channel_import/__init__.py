# Temporary contract stand-in, replaced by the channel-import branch.
import datetime as dt
import json
from decimal import Decimal

from .model import (  # noqa: F401
    ImportRefused, Order, OrderLine, RowError, SettlementRow)


def read_settlements(platform, files):
    raise NotImplementedError


def preview(platform, files):
    raise NotImplementedError


def read_orders(platform, files):
    assert platform == 'normalised'
    orders = []
    for name, data in files:
        for i, o in enumerate(json.loads(data)['orders'], 1):
            t = lambda v: v and dt.datetime.fromisoformat(v)  # noqa
            orders.append(Order(
                name, i, platform, o.get('shop', ''), o['order_no'],
                t(o['order_time']), t(o.get('pay_time')), o.get('buyer_id'),
                o['status'], Decimal(o.get('freight', '0')), [
                    OrderLine(i, l['sub_order_no'], l.get('sku_code'),
                        l.get('barcode'), l.get('title', ''),
                        Decimal(str(l['qty'])), Decimal(l['unit_price']),
                        Decimal(l['line_paid']),
                        Decimal(l.get('merchant_discount', '0')),
                        Decimal(l.get('platform_discount', '0')),
                        Decimal(l.get('refund_amount', '0')),
                        l.get('refund_kind'))
                    for l in o['lines']], t(o.get('ship_time'))))
    return orders
