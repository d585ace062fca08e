# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class StoreValidationError(ValidationError):
    pass


class ChannelAccountError(UserError):
    pass


class ExpiredLotError(UserError):
    pass


class ShortShelfLifeError(UserError):
    pass


class LotPickError(UserError):
    pass


class CheckoutError(UserError):
    pass


class WriteOffError(UserError):
    pass


class RecalledLotError(ExpiredLotError):
    pass


class ReceiptRecordError(UserError):
    pass


class NearExpiryHorizonError(ValidationError):
    pass


class DiscountError(CheckoutError):
    pass


class ChannelOrderError(UserError):
    pass
