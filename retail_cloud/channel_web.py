# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The channels' webhook: a platform's middleware posts its orders in the
normalised JSON form, signed by a user-application key; the orders are
taken all or nothing, once however often they are sent."""
import json
import time
from functools import wraps
from http import HTTPStatus

from werkzeug.exceptions import HTTPException, abort

from trytond import backend
from trytond.exceptions import UserError
from trytond.model.exceptions import SQLConstraintError
from trytond.pool import Pool, PoolMeta
from trytond.protocols.wrappers import (
    Response, user_application, with_pool, with_transaction)
from trytond.transaction import (
    Transaction, TransactionError, without_check_access)
from trytond.wsgi import app

from .channel_import import MESSAGES, ImportRefused, read_normalised

APPLICATION = 'retail_channel'
# How long a request waits for another holding the rows it must lock
LOCK_WAIT = 30


class UserApplication(metaclass=PoolMeta):
    __name__ = 'res.user.application'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.application.selection.append((APPLICATION, "Retail Channel"))


def wait_for_locks(func):
    """Run the request again, in a new transaction, while another holds the
    rows it must lock (the invoices' strict sequence, a record it updates):
    trytond tries for a fraction of a second only, a posting takes longer.
    Answer 503 when they stay locked."""
    @wraps(func)
    def wrapper(request, pool, *args, **kwargs):
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                return func(request, pool, *args, **kwargs)
            except backend.DatabaseOperationalError as error:
                if time.monotonic() > deadline:
                    return json_response({'errors': [error_entry(
                                    None, None, str(error))]},
                        HTTPStatus.SERVICE_UNAVAILABLE)
                time.sleep(0.1)
    return wrapper


@app.route('/<database_name>/retail/channel/<code>/orders', methods=['POST'])
@with_pool
@wait_for_locks
@with_transaction()
@user_application(APPLICATION)
def channel_orders(request, pool, code):
    "Take the posted orders of the channel; 201 when any is new"
    Channel = pool.get('retail.channel')
    Order = pool.get('retail.channel.order')
    channels = Channel.search([
            ('code', '=', code),
            ('type', '!=', 'store'),
            ], limit=1)
    if not channels:
        abort(HTTPStatus.NOT_FOUND)
    channel, = channels
    language = request_language(request)
    try:
        payload = json.loads(request.get_data())
    except ValueError as error:
        refuse([error_entry(None, None, str(error))])
    if isinstance(payload, dict) and 'orders' not in payload:
        payload = {'orders': [payload]}
    with Transaction().set_context(company=channel.company.id):
        try:
            orders = read_normalised(
                payload, source='%s webhook' % channel.code)
            known = {o.number for o in Order.search([
                        ('channel', '=', channel.id),
                        ('number', 'in', [o.number for o in orders]),
                        ])}
            known_buyers = channel_buyers(channel, orders)
            records = Order.take(channel, orders)
        except ImportRefused as refused:
            refuse([row_entry(e, language, payload)
                    for e in refused.errors])
        except UserError as error:
            if (isinstance(error, SQLConstraintError)
                    and taken_meanwhile(
                        channel, orders, known, known_buyers)):
                # The loser of a race answers as the retry it is
                raise TakenMeanwhile() from error
            refuse([error_entry(
                        None, None, error.message, error.description)])
    created = any(r.number not in known for r in records)
    return json_response({'orders': [{
                    'number': r.number,
                    'id': r.id,
                    'state': r.state,
                    } for r in records]},
        HTTPStatus.CREATED if created else HTTPStatus.OK)


class TakenMeanwhile(TransactionError):
    """Another request took some of the orders after this one looked for
    them: with_transaction runs this one again in a fresh transaction,
    which finds them and answers as a retry does"""


def taken_meanwhile(channel, orders, known, known_buyers):
    """Whether orders, or buyers' parties, unknown to the request were
    committed since it looked"""
    Order = Pool().get('retail.channel.order')
    numbers = [o.number for o in orders if o.number not in known]
    # The request's transaction cannot see them (its snapshot, or SQLite's
    # failed insert): look in a new one
    with Transaction().new_transaction(readonly=True):
        return ((bool(numbers) and bool(Order.search([
                            ('channel', '=', channel.id),
                            ('number', 'in', numbers),
                            ], limit=1)))
            or channel_buyers(channel, orders) != known_buyers)


def channel_buyers(channel, orders):
    "The buyers of the orders who have a party on the channel"
    Buyer = Pool().get('retail.channel.buyer')
    buyers = {o.buyer for o in orders if o.buyer}
    # Only a channel invoicing its buyers makes their parties
    if not buyers or channel.invoice_to != 'buyer':
        return set()
    # Who may take orders need not see the buyers' table
    with without_check_access():
        return {b.buyer for b in Buyer.search([
                    ('channel', '=', channel.id),
                    ('buyer', 'in', list(buyers)),
                    ])}


def request_language(request):
    "The language of the error messages: zh_CN when the client asks"
    best = request.accept_languages.best_match(['en', 'zh-CN', 'zh'])
    return 'zh_CN' if best and best.startswith('zh') else 'en'


def row_entry(error, language, payload):
    "An error entry of a bad row: the order's index and the field's path"
    text = MESSAGES[error.reason][language].format(**error.params)
    field = error.column
    if error.reason == 'unknown_sku':
        field = sku_path(payload, error.row, error.params['value']) or field
    return error_entry(error.row, field, text, reason=error.reason)


def sku_path(payload, row, sku):
    "The path of the line with the unknown SKU (the importer names a column)"
    lines = payload['orders'][row - 1].get('lines') or []
    for i, line in enumerate(lines):
        if sku in {line.get('sku_code'), line.get('barcode')}:
            return 'lines[%d].sku_code' % i


def error_entry(row, field, message, description=None, reason=None):
    entry = {'row': row, 'field': field, 'message': message}
    if description:
        entry['description'] = description
    if reason:
        entry['reason'] = reason
    return entry


def refuse(errors):
    "Answer 400 naming the errors; raising rolls the transaction back"
    raise HTTPException(response=json_response(
            {'errors': errors}, HTTPStatus.BAD_REQUEST))


def json_response(data, status):
    return Response(
        json.dumps(data, ensure_ascii=False), status=status,
        content_type='application/json')
