# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The counter's goods: the moves of a sale taken from the till's lots one
till at a time, checked and done in one call, their cost posted with the
voucher."""
import hashlib
from collections import defaultdict
from decimal import Decimal

from sql import Select

from trytond.modules.product import price_digits
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

from .counter_check import within_digits
from .sale_point import set_signed

class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    @classmethod
    def lock_counter_stock(cls, moves):
        """Let one till at a time take goods of a product from a location
        (the others wait), so that none takes what another took"""
        transaction = Transaction()
        database = transaction.database
        if not database.has_select_for():
            # One writer at a time
            return
        keys = sorted({lock_key('stock.move', m.from_location.id, m.product.id)
                for m in moves if m.from_location.type == 'storage'})
        if keys:
            # In order: two tills never wait for each other
            cursor = transaction.connection.cursor()
            cursor.execute(*Select([
                        database.lock_id(k, timeout=True) for k in keys]))

    def split_over_lots(self, to_pick):
        if not (Transaction().context.get('_counter_deliver')
                and self.id is None):
            return super().split_over_lots(to_pick)
        # Not created yet: one move a lot, made by the sale line
        moves = [self] + [self.origin.get_stock_move() for _ in to_pick[1:]]
        for move, (key, quantity) in zip(moves, to_pick):
            move.state = self.state
            move.lot, move.quantity = key[-1], move.unit.round(quantity)
        return moves

    @classmethod
    def _validate(cls, moves, field_names=None):
        # The counter builds its moves from the sale's validated lines, then
        # creates and does them in one call: trytond's validation would
        # search every domain of the moves once to create them and again to
        # do them, a third of the delivery's time.  Here the constraints
        # the moves must meet are checked on the records already read; any
        # failure is left to the full validation and its message.
        if Transaction().context.get('_counter_deliver'):
            if field_names is None:
                valid = all(m.counter_created_valid() for m in moves)
            elif set(field_names) <= {'state', 'cost_price', 'effective_date'}:
                valid = all(m.counter_done_valid() for m in moves)
            else:
                valid = False
            if valid:
                return
        super()._validate(moves, field_names)

    def counter_created_valid(self):
        """Whether the new draft move meets stock.move's domains, required
        fields and digits"""
        pool = Pool()
        SaleLine = pool.get('sale.point.sale.line')
        product, unit, lot = self.product, self.unit, self.lot
        priced = bool(self.unit_price_required)
        return bool(self.state == 'draft' and self.company
            and isinstance(self.origin, SaleLine)
            and product and product.type in {'goods', 'assets'}
            and unit and unit.category == product.default_uom_category
            and (not lot or lot.product == product)
            and self.quantity is not None and self.quantity >= 0
            and unit.round(self.quantity) == self.quantity
            and (self.internal_quantity or 0) >= 0
            and self.counter_locations_valid({'warehouse'})
            and all(l.active for l in [self.from_location, self.to_location])
            and self.cost_price is None and self.product_cost_price is None
            and (self.unit_price is not None) == priced
            and bool(self.currency) == priced
            and (not priced or within_digits(self.unit_price, price_digits))
            and not self.invoice_lines)

    def counter_done_valid(self):
        "Whether the done move meets what done adds to its draft's domains"
        return bool(self.state == 'done' and self.effective_date
            and self.counter_locations_valid({'warehouse', 'view'})
            and (self.cost_price is not None) == bool(
                self.cost_price_required)
            and (self.cost_price is None
                or within_digits(self.cost_price, price_digits)))

    def counter_locations_valid(self, refused_types):
        return bool(self.from_location and self.to_location
            and self.from_location != self.to_location
            and self.from_location.type not in refused_types
            and self.to_location.type not in refused_types)

    def _get_account_stock_move(self):
        # The counter's goods leave at once, their cost with the voucher
        if not Transaction().context.get('_counter_deliver'):
            return super()._get_account_stock_move()

    @classmethod
    def update_unit_price(cls, moves):
        # account_invoice_stock prices done moves from their invoice lines
        # on every write; a till's goods are paid at the till, never
        # invoiced, and their moves were created without invoice lines
        if not Transaction().context.get('_counter_deliver'):
            super().update_unit_price(moves)

    @classmethod
    def post_counter_cost(cls, moves):
        """Post the cost of the goods the counter delivered: one move a date
        and journal, its lines summed by account"""
        pool = Pool()
        AccountMove = pool.get('account.move')
        Line = pool.get('account.move.line')
        balances = defaultdict(lambda: defaultdict(Decimal))
        for move in moves:
            cost = move._get_account_stock_move()
            if cost:
                key = (move.company, cost.journal, cost.period, cost.date)
                for line in cost.lines:
                    balances[key][line.account] += line.debit - line.credit
        account_moves = []
        for (company, journal, period, date), accounts in balances.items():
            lines = []
            for account, balance in accounts.items():
                if balance:
                    lines.append(Line(account=account))
                    set_signed(lines[-1], balance)
            # Goods sold and returned in the batch may cost nothing in all
            if lines:
                account_moves.append(AccountMove(company=company,
                        journal=journal, period=period, date=date,
                        lines=lines))
        AccountMove.save(account_moves)
        AccountMove.post(account_moves)


def lock_key(*values):
    "The key of an advisory lock on the values"
    digest = hashlib.blake2b(repr(values).encode(), digest_size=8).digest()
    return int.from_bytes(digest, 'big', signed=True)


class Product(metaclass=PoolMeta):
    __name__ = 'product.product'

    @classmethod
    def products_by_location(cls, location_ids, **kwargs):
        transaction = Transaction()
        if (transaction.context.get('_counter_deliver')
                and transaction.database.has_select_for()):
            # The transaction's snapshot predates lock_counter_stock: count
            # in one taken after, which sees what the tills before committed
            with transaction.new_transaction(readonly=True):
                return super().products_by_location(location_ids, **kwargs)
        return super().products_by_location(location_ids, **kwargs)
