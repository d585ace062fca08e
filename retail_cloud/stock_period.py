# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Stock periods that close although their lots are not expired.

stock_lot_sled removes from future quantities the lots expiring before that
date, by joining the lot to each move.  The rows of a period cache have no
move to join, so it refuses to close a period while a moved lot is unexpired,
and with cosmetics' shelf lives no period ever closes.  Here the quantities
that need the expiry filter read the period's lot cache instead and join
the lot to its rows, so any period may close.
"""
import datetime as dt

from sql import Null

from trytond.cache import Cache
from trytond.model import ModelView
from trytond.modules.stock_lot_sled.stock import Period as SledPeriod
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction, without_check_access

# The context key, only set while building a quantity query, holding which
# lot expiries the period cache must drop: ('outside', start, end) keeps the
# lots without expiry or expiring outside [start, end), ('inside', start, end)
# keeps only the lots expiring in it.
EXPIRY_KEY = '_stock_period_lot_expiry'


class Period(metaclass=PoolMeta):
    __name__ = 'stock.period'
    _last_closed_cache = Cache('stock.period.last_closed', context=False)

    @classmethod
    def last_closed_date(cls, company):
        "The date of the company's last closed period, None if none is"
        date = cls._last_closed_cache.get(company.id, -1)
        if date == -1:
            periods = cls.search([
                    ('state', '=', 'closed'),
                    ('company', '=', company.id),
                    ], order=[('date', 'DESC')], limit=1)
            date = periods[0].date if periods else None
            cls._last_closed_cache.set(company.id, date)
        return date

    @classmethod
    def on_modification(cls, mode, periods, field_names=None):
        super().on_modification(mode, periods, field_names=field_names)
        cls._last_closed_cache.clear()

    @classmethod
    @ModelView.button
    def close(cls, periods):
        # Skip stock_lot_sled's refusal: the expiry filter now applies to
        # the lot caches (see get_cache)
        super(SledPeriod, cls).close(periods)

    @classmethod
    def get_cache(cls, grouping):
        pool = Pool()
        Cache = super().get_cache(grouping)
        expiry = Transaction().context.get(EXPIRY_KEY)
        if expiry and Cache in {
                pool.get('stock.period.cache'),
                pool.get('stock.period.cache.lot')}:
            # Summed over their lots, the lot caches give the product's
            return LotCacheByExpiry(*expiry)
        return Cache


class LotCacheByExpiry:
    "The period lot caches of the lots kept by an expiry window"

    def __init__(self, mode, start, end):
        self.mode, self.start, self.end = mode, start, end

    def __table__(self):
        pool = Pool()
        LotCache = pool.get('stock.period.cache.lot')
        Lot = pool.get('stock.lot')
        cache, lot = LotCache.__table__(), Lot.__table__()
        expiry = lot.shelf_life_expiration_date
        if self.mode == 'inside':
            where = (expiry >= self.start) & (expiry < self.end)
        else:
            where = ((expiry == Null)
                | (expiry < self.start) | (expiry >= self.end))
        join = cache.join(lot, 'LEFT', condition=cache.lot == lot.id)
        return join.select(
            cache.period, cache.location, cache.product, cache.lot,
            cache.internal_quantity,
            where=where)


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    @classmethod
    def check_period_closed(cls, moves):
        # stock searches the last closed period on every create and write of
        # moves; it closes a few times a year, and today's moves are after it
        pool = Pool()
        Period = pool.get('stock.period')
        with without_check_access():
            if all(after_period(move, Period.last_closed_date(move.company))
                    for move in moves):
                return
        super().check_period_closed(moves)

    @classmethod
    def compute_quantities_query(cls, location_ids, with_childs=False,
            grouping=('product',), grouping_filter=None):
        expiry = cls._period_cache_expiry()
        context = {EXPIRY_KEY: expiry} if expiry else {}
        with Transaction().set_context(**context):
            return super().compute_quantities_query(
                location_ids, with_childs=with_childs, grouping=grouping,
                grouping_filter=grouping_filter)

    @classmethod
    def _period_cache_expiry(cls):
        "The window of lot expiries stock_lot_sled applies to the moves"
        pool = Pool()
        Date = pool.get('ir.date')
        Configuration = pool.get('stock.configuration')
        context = Transaction().context
        if context.get('skip_lot_sled'):
            # stock_lot_sled's query of the expiring lots, inside ours
            return
        today = Date.today()
        end = context.get('stock_date_end') or dt.date.max
        if end < today or (end == today and not context.get('forecast')):
            return
        start = context.get('stock_date_start')
        if start:
            # Only stock_lot_sled's query of the lots expiring between the
            # dates reads the cache: it has no start date
            return ('inside', max(start, today), end)
        delay = Configuration(1).get_multivalue('shelf_life_delay')
        try:
            end += delay or dt.timedelta(0)
        except OverflowError:
            end = dt.date.max if delay > dt.timedelta(0) else dt.date.min
        return ('outside', today, end)


def after_period(move, period_date):
    "Whether the move's date is after the closed period's"
    date = move.effective_date or move.planned_date
    return not period_date or not date or date > period_date
