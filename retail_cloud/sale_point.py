# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from decimal import ROUND_HALF_UP

from trytond.i18n import gettext
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval

from .exceptions import (
    ExpiredLotError, RecalledLotError, StoreValidationError)
from .sale import StoreChannelMixin
from .store import StoreDefaultMixin


class POS(metaclass=PoolMeta):
    __name__ = 'sale.point'

    store = fields.Many2One(
        'retail.store', "Store", required=True, ondelete='RESTRICT',
        domain=[('company', '=', Eval('company', -1))])


class POSSale(StoreChannelMixin, StoreDefaultMixin, metaclass=PoolMeta):
    __name__ = 'sale.point.sale'

    member = fields.Many2One(
        'party.party', "Member", ondelete='RESTRICT',
        context={'company': Eval('company', -1)},
        states={'readonly': Eval('state') != 'open'},
        depends={'company'},
        help="The customer, when known: a recall must reach them.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._set_store_readonly(Eval('state') != 'open')
        # A till belongs to one store: the sale is that store's
        cls.store.states['readonly'] = True
        cls.store.required = True
        cls.channel.required = True

    @fields.depends('point', 'store', 'channel')
    def on_change_point(self):
        if self.point and self.point.store:
            self.store = self.point.store
            self.channel = self.store.channel

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Point = pool.get('sale.point')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and values.get('point'):
            store = Point(values['point']).store
            values.setdefault('store', store.id)
            values.setdefault('channel', store.channel.id)
        return values

    @classmethod
    def validate_fields(cls, sales, field_names):
        super().validate_fields(sales, field_names)
        if field_names & {'point', 'store'}:
            for sale in sales:
                sale.check_point_store()

    def check_point_store(self):
        if self.point.store != self.store:
            raise StoreValidationError(gettext(
                    'retail_cloud.msg_pos_sale_store',
                    sale=self.rec_name, point=self.point.rec_name,
                    store=self.point.store.rec_name))

    @classmethod
    def do(cls, sales):
        for sale in sales:
            sale.store.check_open()
        super().do(sales)


class POSPayment(metaclass=PoolMeta):
    __name__ = 'sale.point.payment'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # A refund goes back to the method that paid, WeChat Pay as cash
        cls.method.domain = [('company', '=', Eval('company', -1))]

    def get_account_move_lines(self):
        pool = Pool()
        Line = pool.get('account.move.line')
        lines = super().get_account_move_lines()
        for line in lines:
            line.account = self.sale.store.payment_account(self.method)
        fee = self.fee
        if fee:
            line, = lines
            # The acquirer settles the net: the fee never reaches the account
            set_signed(line, self.amount - fee)
            fee_line = Line(account=self.method.fee_account, origin=self)
            set_signed(fee_line, fee)
            lines.append(fee_line)
        return lines

    @property
    def fee(self):
        "The acquirer's fee on the payment, to the cent, signed as it"
        rate = self.method.fee_rate
        if rate:
            return self.sale.currency.round(
                self.amount * rate, rounding=ROUND_HALF_UP)


def set_signed(line, amount):
    "Debit the line with a positive amount, credit it with a negative one"
    line.debit = max(amount, 0)
    line.credit = max(-amount, 0)


class POSPaymentMethod(metaclass=PoolMeta):
    __name__ = 'sale.point.payment.method'

    fee_rate = fields.Numeric(
        "Fee Rate", digits=(16, 6),
        help="The share of each payment the acquirer keeps "
        "(0.006 for 0.6%): the method's account receives the rest.")
    fee_account = fields.Many2One(
        'account.account', "Fee Account",
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type.expense', '=', True),
            ('closed', '!=', True),
            ],
        states={
            'required': Bool(Eval('fee_rate')),
            'invisible': ~Eval('fee_rate'),
            },
        help="The expense the fees are booked to (560301 bank charges).")

    @classmethod
    def validate_fields(cls, methods, field_names):
        super().validate_fields(methods, field_names)
        if field_names & {'fee_rate', 'fee_account'}:
            for method in methods:
                method.check_fee()

    def check_fee(self):
        if self.fee_rate is not None and not (0 <= self.fee_rate < 1):
            raise StoreValidationError(gettext(
                    'retail_cloud.msg_payment_method_fee_rate',
                    method=self.rec_name, rate=self.fee_rate))
        if self.fee_rate and not self.fee_account:
            raise StoreValidationError(gettext(
                    'retail_cloud.msg_payment_method_fee_account',
                    method=self.rec_name))


class POSSaleLine(metaclass=PoolMeta):
    __name__ = 'sale.point.sale.line'

    lot = fields.Many2One(
        'stock.lot', "Lot", ondelete='RESTRICT',
        domain=[('product', '=', Eval('product', -1))],
        states={
            'readonly': Eval('sale_state') != 'open',
            'invisible': ~Eval('product'),
            })

    @classmethod
    def validate_fields(cls, lines, field_names):
        super().validate_fields(lines, field_names)
        if field_names & {'lot', 'quantity'}:
            for line in lines:
                line.check_lot_expiry()

    def check_lot_expiry(self):
        "The counter refuses a recalled, expired or near-expiry lot at once"
        if self.lot and self.quantity > 0 and self.lot.recall_date:
            raise RecalledLotError(gettext(
                    'retail_cloud.msg_pos_line_recalled_lot',
                    lot=self.lot.rec_name, product=self.product.rec_name,
                    recall_date=self.lot.recall_date,
                    sale=self.sale.rec_name))
        if (self.lot and self.quantity > 0
                and not self.lot.sellable_on(self.sale.date)):
            raise ExpiredLotError(gettext(
                    'retail_cloud.msg_pos_line_expired_lot',
                    lot=self.lot.rec_name, product=self.product.rec_name,
                    expiry=self.lot.shelf_life_expiration_date,
                    sale=self.sale.rec_name))

    def get_stock_move(self):
        move = super().get_stock_move()
        if move:
            move.lot = self.lot
        return move

    @property
    def taxes(self):
        # The product read with the sale's other lines, in the sale's
        # company, gives its taxes without reading them again for each line
        # and each use (pricing, revenue, VAT: three times a line)
        if (self.product
                and self.product._context.get('company') == self.company.id):
            return self.product.customer_taxes_used
        return super().taxes
