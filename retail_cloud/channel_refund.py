# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Channel refunds: 仅退款 gives a credit note, 退货退款 a return sale whose
goods come back into the lots they left; an order cancelled before it
shipped is credited whole and its commission reversed."""
import datetime as dt
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import fields
from trytond.pool import Pool, PoolMeta

from .channel_order import (
    channel_analytic_entries, gross_sale_line, net_unit_price)

ZERO = Decimal(0)


class ChannelOrder(metaclass=PoolMeta):
    __name__ = 'retail.channel.order'

    sales = fields.One2Many(
        'sale.sale', 'origin', "Sales", readonly=True,
        help="The order's sale and the sales of its returns.")
    credit_notes = fields.Function(
        fields.Many2Many('account.invoice', None, None, "Credit Notes"),
        'get_credit_notes')

    def get_credit_notes(self, name):
        pool = Pool()
        Invoice = pool.get('account.invoice')
        return [i.id for i in Invoice.search([
                    ('reference', '=', self.number),
                    ('channel', '=', self.channel.id),
                    ('total_amount', '<', 0),
                    ])]

    @classmethod
    def refund(cls, orders):
        "Credit what the platform refunded and was not credited yet"
        for order in orders:
            if order.state == 'cancelled' and any(
                    l.credited < l.receivable for l in order.lines):
                order.credit_cancelled()
            for line in order.lines:
                to_credit = line.refund_amount - line.credited
                if to_credit <= 0:
                    continue
                if (line.refund_kind == 'return'
                        and order.state == 'shipped'):
                    order.return_line(line, to_credit)
                else:
                    order.credit_line(line, to_credit)
                line.credited += to_credit
                line.save()

    def credit_cancelled(self):
        """Credit the whole invoice and reverse the commission of an order
        closed before it shipped"""
        pool = Pool()
        Invoice = pool.get('account.invoice')
        Move = pool.get('account.move')
        Line = pool.get('retail.channel.order.line')
        invoices = [i for i in self.sale.invoices if i.state == 'posted']
        credits = Invoice.credit(invoices)
        for credit in credits:
            credit.channel = self.channel
        self.post_invoices(credits)
        if self.commission_move:
            reversal = self.commission_move.cancel(reversal=True)
            reversal.origin = self
            reversal.save()
            Move.post([reversal])
        lines = self.lines
        for line in lines:
            line.credited = line.receivable
        Line.save(lines)
        self.commission_move = None
        self.save()
        # Tmall owes nothing for it: no payout will come to clear it
        self.__class__.reconcile_receivables([self])

    def return_line(self, line, amount):
        "Sell the line's goods back and take them into their lots"
        pool = Pool()
        Sale = pool.get('sale.sale')
        sale = Sale(
            company=self.channel.company, party=self.sale.party,
            channel=self.channel, warehouse=self.sale.warehouse,
            sale_date=self.local_date(self.ship_time) or self.paid_date,
            reference=self.number, origin=self,
            invoice_method='order', shipment_method='order')
        sale.on_change_party()
        sale.warehouse = self.sale.warehouse
        sale.save()
        gross_sale_line(sale, line.product, -line.quantity, -amount).save()
        sale.add_rounding_line(-amount)
        Sale.quote([sale])
        Sale.confirm([sale])
        Sale.process([sale])
        sale = Sale(sale.id)
        self.post_invoices(sale.invoices)
        self.take_back(sale, line)

    def take_back(self, sale, line):
        """Receive the returned goods into the lots the line shipped,
        latest expiry first: the goods the buyer kept longest"""
        pool = Pool()
        Return = pool.get('stock.shipment.out.return')
        shipped = sorted(
            (m for m in line.sale_line.moves if m.state == 'done'),
            key=lambda m: (m.lot and m.lot.shelf_life_expiration_date
                or dt.date.min),
            reverse=True) if line.sale_line else []
        returns = [s for s in sale.shipment_returns if s.state == 'draft']
        for shipment in returns:
            for move in shipment.incoming_moves:
                move.split_into_lots(shipped)
        Return.receive(returns)
        Return.do(returns)

    def credit_line(self, line, amount):
        "Credit the platform with the refund, the goods staying out"
        pool = Pool()
        Invoice = pool.get('account.invoice')
        InvoiceLine = pool.get('account.invoice.line')
        credit = Invoice(
            company=self.channel.company, type='out', party=self.sale.party,
            channel=self.channel, currency=self.channel.company.currency,
            invoice_date=self.paid_date, reference=self.number,
            description=gettext(
                'retail_cloud.msg_channel_order_refund_only',
                order=self.number))
        credit.on_change_type()
        credit.invoice_address = self.sale.invoice_address
        credit.account = self.channel.get_account('receivable_account')
        credit_line = InvoiceLine(
            invoice=credit, type='line', product=line.product,
            quantity=-1, unit=line.product.sale_uom,
            # Not the sale line's: its goods stay invoiced, only the
            # money goes back
            company=credit.company,
            currency=credit.currency)
        credit_line.on_change_product()
        credit_line.unit_price = net_unit_price(
            credit_line.taxes, amount, 1, credit.invoice_date)
        credit_line.analytic_accounts = channel_analytic_entries(
            self.channel)
        credit.lines = [credit_line]
        credit.save()
        credit.add_rounding_line(-amount)
        self.post_invoices([Invoice(credit.id)])


class ChannelOrderLine(metaclass=PoolMeta):
    __name__ = 'retail.channel.order.line'

    returned = fields.Function(
        fields.Numeric("Returned", digits=(16, 0)), 'get_returned')

    def get_returned(self, name):
        if not self.sale_line:
            return Decimal(0)
        returned = sum(-l.quantity for l in self.return_sale_lines())
        return Decimal(str(returned)).quantize(Decimal(1))

    def return_sale_lines(self):
        pool = Pool()
        SaleLine = pool.get('sale.line')
        return SaleLine.search([
                ('sale.origin', '=', str(self.order)),
                ('product', '=', self.product.id),
                ('quantity', '<', 0),
                ])


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    def split_into_lots(self, shipped):
        """Give the returned move the lots of the shipped moves, the first
        ones first, splitting it as their quantities run out"""
        left = self.quantity
        parts = []
        for move in shipped:
            if left <= 0:
                break
            quantity = min(left, move.quantity)
            parts.append((move.lot, quantity))
            left -= quantity
        if not parts:
            return [self]
        if left > 0:
            lot, quantity = parts[-1]
            parts[-1] = (lot, quantity + left)
        (self.lot, self.quantity), *others = parts
        self.save()
        moves = [self]
        for lot, quantity in others:
            moves.extend(self.copy([self], default={
                        'lot': lot.id if lot else None,
                        'quantity': quantity,
                        }))
        return moves


class Invoice(metaclass=PoolMeta):
    __name__ = 'account.invoice'

    def add_rounding_line(self, total):
        """Add a line of the cents that prices without VAT lose, so that
        the credit note is what the platform refunded"""
        pool = Pool()
        Line = pool.get('account.invoice.line')
        Configuration = pool.get('account.configuration')
        self.update_taxes([self])
        difference = total - self.__class__(self.id).total_amount
        if difference:
            account = Configuration(1).get_multivalue(
                'default_category_account_revenue',
                company=self.company.id)
            Line(invoice=self, type='line', quantity=1,
                unit_price=difference, account=account,
                company=self.company, currency=self.currency,
                description=gettext('retail_cloud.msg_channel_rounding'),
                analytic_accounts=channel_analytic_entries(self.channel),
                ).save()
