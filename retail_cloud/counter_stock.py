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

from .counter_check import CounterChecked, within_digits
from .sale_point import set_signed

# What each module's do() does to a till's goods, and where do_at_counter
# does it (a module adding a layer fails test_counter_do_layers)
COUNTER_DO_LAYERS = {
    'trytond.modules.stock.move': (
        "origin, date, cost, state, replaced products: do_at_counter; "
        "the transition's log: Sale.deliver"),
    'trytond.modules.stock_lot.stock': "lot required: check_lot",
    'trytond.modules.stock_lot_sled.stock': (
        "expired lot: check_expiration_dates"),
    'trytond.modules.account_stock_continental.stock': (
        "cost voucher: with the sale's, post_counter_cost"),
    'trytond.modules.account_invoice_stock.stock': (
        "price from invoice lines: a till's goods are never invoiced"),
    'trytond.modules.purchase.stock': (
        "purchases of the moves: a till's goods come from none"),
    'retail_cloud.stock': (
        "first-expiry lots: pick_first_expiry_lots, check_expired_lots; "
        "shelf life received: a till receives from no supplier"),
    'retail_cloud.receipt_record': (
        "goods-receipt record: a till receives from no supplier"),
    }


class Move(CounterChecked, metaclass=PoolMeta):
    __name__ = 'stock.move'
    _counter_checked = {
        'company', 'cost_price', 'currency', 'effective_date',
        'from_location', 'internal_quantity', 'invoice_lines', 'lot',
        'origin', 'product', 'product_cost_price', 'quantity', 'state',
        'to_location', 'unit', 'unit_price'}

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
    def do_at_counter(cls, moves):
        """Create the till's moves done: what do() does to goods leaving a
        till's storage for the customer, or coming back, without its layers
        (COUNTER_DO_LAYERS) each reading the moves again.  The caller logs
        the transition."""
        pool = Pool()
        Date = pool.get('ir.date')
        Product = pool.get('product.product')
        cls.check_origin(moves)
        cls.check_expired_lots(moves)
        for move in moves:
            # As set_effective_date: the sale's date, else today
            if not move.effective_date:
                with Transaction().set_context(company=move.company.id):
                    move.effective_date = Date.today()
            # Built by the sale line, the move has no cost unless given one
            if (move.cost_price_required
                    and getattr(move, 'cost_price', None) is None):
                move.cost_price = move.product.get_multivalue(
                    'cost_price', **move._cost_price_pattern)
            move.state = 'done'
        cls.save(moves)
        for move in moves:
            move.check_lot()
        cls.check_expiration_dates(moves)
        # Goods leaving or entering a storage
        replaced = {m.product for m in moves if m.product.replaced_by}
        if replaced:
            Product.__queue__.deactivate_replaced(Product.browse(replaced))

    @classmethod
    def preprocess_values(cls, mode, values):
        # stock creates moves draft, for do() to take them to done; the
        # till's are created done by do_at_counter, in one statement
        if (mode == 'create' and values.get('state') == 'done'
                and Transaction().context.get('_counter_deliver')
                and str(values.get('origin')).startswith(
                    'sale.point.sale.line,')):
            values = super().preprocess_values(
                mode, dict(values, state='draft'))
            values['state'] = 'done'
            return values
        return super().preprocess_values(mode, values)

    def counter_values_valid(self):
        """Whether the till's new move, draft or done, meets stock.move's
        domains, required fields and digits"""
        pool = Pool()
        SaleLine = pool.get('sale.point.sale.line')
        product, unit, lot = self.product, self.unit, self.lot
        priced = bool(self.unit_price_required)
        costed = bool(self.cost_price_required)
        done = self.state == 'done'
        return bool(self.state in {'draft', 'done'} and self.company
            and isinstance(self.origin, SaleLine)
            and product and product.type in {'goods', 'assets'}
            and unit and unit.category == product.default_uom_category
            and (not lot or lot.product == product)
            and self.quantity is not None and self.quantity >= 0
            and within_digits(self.quantity, unit)
            and self.internal_quantity is not None
            and self.internal_quantity >= 0
            and self.from_location and self.to_location
            and self.from_location != self.to_location
            and all(l.type not in {'warehouse', 'view'} and l.active
                for l in [self.from_location, self.to_location])
            and (self.effective_date or not done)
            and (self.cost_price is None or costed)
            and (self.cost_price is not None or not (done and costed))
            and within_digits(self.cost_price, price_digits)
            and self.product_cost_price is None
            and (self.unit_price is not None) == priced
            and bool(self.currency) == priced
            and within_digits(self.unit_price, price_digits)
            and not self.invoice_lines)

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
