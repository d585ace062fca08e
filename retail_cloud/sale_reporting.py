# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from sql import Null

from trytond.model import ModelView, fields
from trytond.modules.sale.sale_reporting import Abstract, AbstractTimeseries
from trytond.pool import PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction


class AbstractMixin:
    "Carry store and channel on every line the sales reports sum"
    __slots__ = ()

    @classmethod
    def _sale_line_columns(cls, line, sale):
        return super()._sale_line_columns(line, sale) + [
            sale.store.as_('store'),
            sale.channel.as_('channel'),
            ]

    @classmethod
    def _pos_sale_line_columns(cls, line, point, sale, currency):
        return super()._pos_sale_line_columns(line, point, sale, currency) + [
            sale.store.as_('store'),
            sale.channel.as_('channel'),
            ]

    @classmethod
    def _where(cls, tables, withs):
        context = Transaction().context
        line = tables['line']
        where = super()._where(tables, withs)
        if context.get('store'):
            where &= line.store == context['store']
        if context.get('channel'):
            where &= line.channel == context['channel']
        return where


class Context(metaclass=PoolMeta):
    __name__ = 'sale.reporting.context'

    store = fields.Many2One(
        'retail.store', "Store",
        domain=[('company', '=', Eval('company', -1))])
    channel = fields.Many2One(
        'retail.channel', "Channel",
        domain=[('company', '=', Eval('company', -1))])

    @classmethod
    def default_store(cls):
        return Transaction().context.get('store')

    @classmethod
    def default_channel(cls):
        return Transaction().context.get('channel')


def _dimension_mixin(field_name, model_name, string):
    "Return a mixin grouping the report lines by one of their columns"

    class DimensionMixin:
        __slots__ = ()

        @classmethod
        def _columns(cls, tables, withs):
            line = tables['line']
            return super()._columns(tables, withs) + [
                getattr(line, field_name).as_(field_name)]

        @classmethod
        def _group_by(cls, tables, withs):
            line = tables['line']
            return super()._group_by(tables, withs) + [
                getattr(line, field_name)]

        @classmethod
        def _where(cls, tables, withs):
            line = tables['line']
            return (super()._where(tables, withs)
                & (getattr(line, field_name) != Null))

        def get_rec_name(self, name):
            record = getattr(self, field_name)
            return record.rec_name if record else ''

        @classmethod
        def search_rec_name(cls, name, clause):
            return [(field_name + '.rec_name', *clause[1:])]

    setattr(DimensionMixin, field_name, fields.Many2One(model_name, string))
    return DimensionMixin


def _dimension_report(Mixin, field_name, time_series_model):
    "Return the report summed per dimension with its time series"

    class Report(Mixin, Abstract, ModelView):
        time_series = fields.One2Many(
            time_series_model, field_name, "Time Series")

        @classmethod
        def __setup__(cls):
            super().__setup__()
            cls._order.insert(0, (field_name, 'ASC'))

        @classmethod
        def _column_id(cls, tables, withs):
            line = tables['line']
            return getattr(line, field_name)

    return Report


StoreMixin = _dimension_mixin('store', 'retail.store', "Store")
ChannelMixin = _dimension_mixin('channel', 'retail.channel', "Channel")


class Store(_dimension_report(
            StoreMixin, 'store', 'sale.reporting.store.time_series')):
    "Sales per Store"
    __name__ = 'sale.reporting.store'


class StoreTimeseries(StoreMixin, AbstractTimeseries, ModelView):
    "Sales per Store and Period"
    __name__ = 'sale.reporting.store.time_series'


class Channel(_dimension_report(
            ChannelMixin, 'channel', 'sale.reporting.channel.time_series')):
    "Sales per Channel"
    __name__ = 'sale.reporting.channel'


class ChannelTimeseries(ChannelMixin, AbstractTimeseries, ModelView):
    "Sales per Channel and Period"
    __name__ = 'sale.reporting.channel.time_series'
