# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Building Orders from rows: grouping the rows of an order, refusing
order-level values that differ between them, refusing a sub-order seen
twice, spreading an order-level platform coupon over the lines, and
checking that the amounts add up."""
from collections import namedtuple
from decimal import ROUND_HALF_UP

from .model import CENT, ZERO, Order, OrderLine, cents
from .errors import RowError
from .tabular import Record, dig, load_json, open_table

ORDER_KEYS = ('shop', 'number', 'order_time', 'pay_time', 'buyer',
    'status', 'freight', 'ship_time')
LINE_KEYS = ('sub_number', 'sku', 'barcode', 'title', 'quantity',
    'unit_price', 'paid', 'merchant_discount', 'platform_discount',
    'refund_amount', 'refund_kind')
# Figures an export states for the whole order, and how to compute them
STATED = {
    'stated_paid': lambda o: o.paid,
    'stated_receivable': lambda o: o.receivable,
    'stated_discount': lambda o: o.merchant_discount + o.platform_discount,
    'stated_goods': lambda o: o.goods,
    }


# How a platform writes words, money (yuan or integer fen) and times
# (text or Unix seconds)
Dialect = namedtuple('Dialect', ['statuses', 'refund_kinds', 'fen', 'unix'])


def spread(amount, weights):
    "Share amount pro rata to weights, to the cent; the remainder goes last"
    total = sum(weights, ZERO)
    shares = []
    for weight in weights[:-1]:
        share = amount * weight / total if total else ZERO
        shares.append(share.quantize(CENT, rounding=ROUND_HALF_UP))
    return shares + [amount - sum(shares, ZERO)]


class Draft:
    "An order while its rows are read"

    def __init__(self, locator, head):
        self.locator = locator
        self.head = head
        self.lines = []
        self.spoilt = False

    def compare(self, fields, head):
        for key, value in head.items():
            first = self.head.get(key)
            if value != first:
                fields.error(key, 'conflicting_value', value=value or '',
                    first_value=first or '', first_row=self.locator.row)


class Assembly:
    "The orders of one import"

    def __init__(self, platform, errors):
        self.platform = platform
        self.errors = errors
        self.drafts = {}
        self.sub_rows = {}

    def order(self, fields, head):
        "The Draft for the order-level values head read from fields"
        number = head.get('number')
        if number is None:
            return None
        draft = self.drafts.get(number)
        if draft is None:
            draft = self.drafts[number] = Draft(fields.locator, head)
        elif not fields.failed:
            draft.compare(fields, head)
        draft.spoilt |= fields.failed
        return draft

    def line(self, draft, fields, values):
        "Add the line values read from fields to draft"
        if draft is None or not self._unique(draft, fields, values):
            return
        self._check_total(fields, values)
        if fields.failed:
            draft.spoilt = True
            return
        values = {k: values.get(k) for k in LINE_KEYS}
        for key in ('merchant_discount', 'platform_discount',
                'refund_amount'):
            if values[key] is None:
                values[key] = ZERO
        line = OrderLine(row=fields.locator.row, **values)
        draft.lines.append((line, fields.locator))

    def _unique(self, draft, fields, values):
        sub_number = values.get('sub_number')
        if not sub_number:
            return True
        key = draft.head['number'], sub_number
        if key in self.sub_rows:
            fields.error('sub_number', 'duplicate_line', value=sub_number,
                first_row=self.sub_rows[key])
            draft.spoilt = True
            return False
        self.sub_rows[key] = fields.locator.row
        return True

    @staticmethod
    def _check_total(fields, values):
        "货品总价 / origin_amount: the line before discount"
        total = values.pop('line_total', None)
        quantity, price = values.get('quantity'), values.get('unit_price')
        if total is None or quantity is None or fields.failed:
            return
        if price is None:
            values['unit_price'] = total / quantity
        elif cents(quantity * price) != cents(total):
            fields.error('line_total', 'amounts_do_not_add_up',
                expected=cents(quantity * price), found=total)

    def orders(self):
        "The Orders, in the order first seen; errors recorded on the way"
        return [self._build(draft) for draft in self.drafts.values()]

    def _build(self, draft):
        lines = [line for line, _ in draft.lines]
        coupon = draft.head.get('coupon')
        if coupon and lines:
            weights = [line.amount - line.merchant_discount for line in lines]
            for line, share in zip(lines, spread(coupon, weights)):
                line.platform_discount += share
        for line in lines:
            if line.paid is None:
                line.paid = line.expected_paid
        values = {k: draft.head.get(k) for k in ORDER_KEYS}
        if values['freight'] is None:
            values['freight'] = ZERO
        order = Order(file=draft.locator.file, row=draft.locator.row,
            platform=draft.head.get('platform') or self.platform,
            lines=lines, **values)
        if not draft.spoilt:
            self._check(draft, order)
        return order

    def _check(self, draft, order):
        if not order.lines:
            draft.locator.error('number', 'order_without_lines',
                value=order.number)
            return
        for line, locator in draft.lines:
            for key, reason, params in line.problems():
                locator.error(key, reason, **params)
        for key, compute in STATED.items():
            stated = draft.head.get(key)
            if stated is not None and cents(stated) != cents(compute(order)):
                draft.locator.error(key, 'amounts_do_not_add_up',
                    expected=cents(compute(order)), found=stated)


def read_line_rows(platform, columns, dialect, files, timezone, errors):
    "Orders from files with one row per line and order values repeated"
    assembly = Assembly(platform, errors)
    for filename, data in files:
        table = open_table(
            filename, data, {platform: columns}, platform, errors)
        if table is None:
            continue
        for fields in table.fields(timezone):
            draft = assembly.order(fields, read_head(fields, dialect))
            assembly.line(draft, fields, read_line(fields, dialect))
    return assembly.orders()


def read_json_files(platform, shape, dialect, files, timezone, errors):
    "Orders from JSON documents of the platform's shape"
    assembly = Assembly(platform, errors)
    for filename, data in files:
        document = load_json(filename, data, platform, errors)
        if document is not None:
            add_documents(
                assembly, filename, document, shape, dialect, timezone)
    return assembly.orders()


def add_documents(assembly, filename, document, shape, dialect, timezone):
    """Add the orders of document; a row is the order's 1-based index and a
    column its field path within the order"""
    errors = assembly.errors
    documents = dig(document, shape.orders)
    if not isinstance(documents, list):
        errors.append(RowError(filename, None, None, 'unknown_format',
                {'platform': assembly.platform}))
        return
    if not documents:
        errors.append(RowError(filename, None, None, 'empty_file'))
    for row, order_document in enumerate(documents, 1):
        if not isinstance(order_document, dict):
            errors.append(RowError(filename, row, None, 'unknown_format',
                    {'platform': assembly.platform}))
            continue
        fields = Record(filename, row, order_document, shape.order_columns,
            '', errors, timezone).fields
        draft = assembly.order(fields, read_head(fields, dialect))
        lines = dig(order_document, shape.lines)
        for index, line in enumerate(lines if isinstance(lines, list) else []):
            prefix = f'{shape.lines}[{index}].'
            fields = Record(filename, row, line, shape.line_columns, prefix,
                errors, timezone).fields
            assembly.line(draft, fields, read_line(fields, dialect))


def _readers(fields, dialect):
    money = fields.fen if dialect.fen else fields.amount
    time = fields.unix_time if dialect.unix else fields.time
    return money, time


def read_head(fields, dialect):
    """The order-level values of a row; a key the platform's alias table
    lacks reads as None"""
    money, time = _readers(fields, dialect)
    return {
        'platform': fields.text('platform'),
        'shop': fields.text('shop'),
        'number': fields.text('number'),
        'order_time': time('order_time'),
        'pay_time': time('pay_time'),
        'ship_time': time('ship_time'),
        'buyer': fields.text('buyer'),
        'status': fields.choice('status', dialect.statuses),
        'freight': money('freight'),
        'coupon': money('coupon', default=None),
        'stated_paid': money('stated_paid', default=None),
        'stated_receivable': money('stated_receivable', default=None),
        'stated_discount': money('stated_discount', default=None),
        'stated_goods': money('stated_goods', default=None),
        }


def read_line(fields, dialect):
    "The line values of a row; a missing unit price or paid is derived"
    money, _ = _readers(fields, dialect)
    return {
        'sub_number': fields.text('sub_number'),
        'sku': fields.text('sku'),
        'barcode': fields.text('barcode'),
        'title': fields.text('title'),
        'quantity': fields.quantity('quantity'),
        'unit_price': money('unit_price', default=None),
        'line_total': money('line_total', default=None),
        'paid': money('paid', default=None),
        'merchant_discount': money('merchant_discount'),
        'platform_discount': money('platform_discount'),
        'refund_amount': money('refund_amount'),
        'refund_kind': fields.choice('refund_kind', dialect.refund_kinds),
        }
