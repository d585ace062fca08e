# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The counter's checkout: a sale recorded, paid and its goods gone in one
call; its voucher follows within a minute."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import Unique, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.rpc import RPC
from trytond.transaction import without_check_access

from .exceptions import CheckoutError


class POSSale(metaclass=PoolMeta):
    __name__ = 'sale.point.sale'

    client_key = fields.Char(
        "Client Key", readonly=True, strip=False,
        help="The key the counter gave the sale: the same key submitted "
        "again returns this sale instead of recording another.")
    cash_change = Monetary(
        "Change", currency='currency', digits='currency', readonly=True,
        help="The cash given back to the customer.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('point_client_key_unique', Unique(t, t.point, t.client_key),
                'retail_cloud.msg_pos_sale_client_key_unique'),
            ]
        cls.__rpc__['checkout'] = RPC(readonly=False)

    @classmethod
    def checkout(cls, point_id, order):
        """Record, pay and complete the order at the point; return its
        summary.  order: {'key', 'member', 'lines': [{'product', 'quantity',
        'lot', 'discount'}], 'payments': [{'method', 'amount'}]}; cash may
        exceed what is due, the rest is change."""
        pool = Pool()
        Point = pool.get('sale.point')
        # The user's rules decide which tills they may sell at
        points = Point.search([('id', '=', point_id)])
        if not points:
            raise CheckoutError(gettext(
                    'retail_cloud.msg_checkout_point', point=point_id))
        point, = points
        with without_check_access():
            return cls._checkout(point, order)

    @classmethod
    def _checkout(cls, point, order):
        key = order.get('key')
        if key:
            done = cls.search([
                    ('point', '=', point.id),
                    ('client_key', '=', key),
                    ], limit=1)
            if done:
                return done[0].checkout_summary()
        sale = cls(point=point, client_key=key, company=point.company,
            date=cls.default_date(), member=order.get('member'))
        sale.on_change_point()
        sale.lines = [sale.counter_line(values) for values in order['lines']]
        if not sale.lines:
            raise CheckoutError(gettext('retail_cloud.msg_checkout_empty'))
        sale.save()
        sale.cash_change = sale.counter_pay(order.get('payments', []))
        sale.save()
        cls.process([sale])
        if sale.state != 'done':
            raise CheckoutError(gettext(
                    'retail_cloud.msg_checkout_unpaid',
                    amount=sale.format_amount(sale.amount_to_pay),
                    sale=sale.rec_name))
        cls.deliver([sale])
        return sale.checkout_summary()

    def counter_line(self, values):
        "Return a line priced as the point prices it, less its discount"
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        line = Line(sale=self)
        line.product = values['product']
        line.on_change_product()
        line.quantity = values['quantity']
        line.lot = values.get('lot')
        discount = Decimal(str(values.get('discount') or 0))
        if discount:
            line.apply_discount(discount)
        return line

    def counter_pay(self, payments):
        "Record the payments; return the change due on cash"
        pool = Pool()
        Payment = pool.get('sale.point.payment')
        Method = pool.get('sale.point.payment.method')
        due = self.total
        change = Decimal(0)
        to_create = []
        # Cash last: only cash gives change
        methods = [(Method(p['method']),
                self.currency.round(Decimal(str(p['amount']))))
            for p in payments]
        for method, amount in sorted(methods, key=lambda m: m[0].cash):
            if amount > due and method.cash:
                change += amount - due
                amount = due
            to_create.append({
                    'sale': self.id, 'method': method.id, 'amount': amount})
            due -= amount
        if due < 0:
            raise CheckoutError(gettext(
                    'retail_cloud.msg_checkout_overpaid',
                    amount=self.format_amount(-due), sale=self.rec_name))
        Payment.create(to_create)
        return change

    def format_amount(self, amount):
        pool = Pool()
        Lang = pool.get('ir.lang')
        return Lang.get().currency(amount, self.currency)

    def checkout_summary(self):
        return {
            'id': self.id,
            'number': self.number,
            'state': self.state,
            'total': self.currency.round(self.total),
            'change': self.currency.round(self.cash_change or Decimal(0)),
            }

    @classmethod
    def deliver(cls, sales):
        "Do the goods' moves of the sales now; the voucher follows"
        pool = Pool()
        Move = pool.get('stock.move')
        moves = [m for s in sales for line in s.lines
            for m in [line.get_stock_move()] if m]
        Move.save(moves)
        Move.do(moves)

    @classmethod
    def post_delivered(cls):
        "Post the vouchers of the completed sales (a scheduled job)"
        sales = cls.search([('state', '=', 'done')], order=[('id', 'ASC')])
        if sales:
            cls.post(sales)


class POSSaleLine(metaclass=PoolMeta):
    __name__ = 'sale.point.sale.line'

    def apply_discount(self, discount):
        "Lower the prices by the discount rate"
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        rate = 1 - discount
        for name in ['unit_list_price', 'unit_gross_price']:
            price = getattr(self, name)
            if price is not None:
                digits = getattr(Line, name).digits[1]
                setattr(self, name, (price * rate).quantize(
                        Decimal(1) / 10 ** digits))
        self.unit_price = self.on_change_with_unit_price()
        self.amount = self.on_change_with_amount()

    def get_stock_move(self):
        # A sale delivered at the counter has its moves already
        if self.moves:
            return
        return super().get_stock_move()


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('sale.point.sale|post_delivered', "Post Counter Sales"))
