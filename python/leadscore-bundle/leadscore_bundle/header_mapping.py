"""Which source column feeds each contract field: leadscore's HeaderMapping, ported.

Headers may be API names (Data Loader) or report labels ("Lead Source"), tried from the most to the
least certain match: the field's name, its contract `label:`, the sanitised header, then the report
label of a standard Lead field whose type fits the contract's.
"""
from . import text as texts
from .errors import LeadInputError

# KnownSalesforceFields.labelToAPIName: report-export labels (lower-cased) → API names.
_LABEL_TO_API_NAME = {
    "lead id": "Id", "id": "Id", "record id": "Id",
    "first name": "FirstName", "last name": "LastName", "name": "Name", "full name": "Name",
    "salutation": "Salutation", "title": "Title", "company": "Company", "company / account": "Company",
    "email": "Email", "phone": "Phone", "mobile": "MobilePhone", "mobile phone": "MobilePhone",
    "fax": "Fax", "website": "Website", "street": "Street", "city": "City",
    "state": "State", "state/province": "State", "state/province code": "StateCode",
    "zip": "PostalCode", "zip/postal code": "PostalCode", "postal code": "PostalCode",
    "country": "Country", "country code": "CountryCode",
    "lead source": "LeadSource", "industry": "Industry", "lead status": "Status", "status": "Status",
    "rating": "Rating", "annual revenue": "AnnualRevenue", "no. of employees": "NumberOfEmployees",
    "employees": "NumberOfEmployees", "number of employees": "NumberOfEmployees",
    "email opt out": "HasOptedOutOfEmail", "do not call": "DoNotCall",
    "created date": "CreatedDate", "create date": "CreatedDate", "last modified date": "LastModifiedDate",
    "last activity": "LastActivityDate", "last activity date": "LastActivityDate",
    "converted": "IsConverted", "is converted": "IsConverted", "converted date": "ConvertedDate",
    "converted opportunity": "ConvertedOpportunityId", "converted account": "ConvertedAccountId",
    "converted contact": "ConvertedContactId", "lead owner": "OwnerId", "owner id": "OwnerId",
    "system modstamp": "SystemModstamp", "unread by owner": "IsUnreadByOwner",
    "description": "Description",
}
_STANDARD_NAMES = {name.lower() for name in _LABEL_TO_API_NAME.values()}
_TEXT_FIELDS = ["FirstName", "LastName", "Name", "Title", "Company", "Website", "Street", "City", "State",
                "StateCode", "PostalCode", "Country", "CountryCode", "Description"]
_STANDARD_TYPES = {
    **{name: "id" for name in ["Id", "OwnerId", "ConvertedOpportunityId", "ConvertedAccountId", "ConvertedContactId"]},
    **{name: "string" for name in _TEXT_FIELDS},
    **{name: "picklist" for name in ["Salutation", "LeadSource", "Industry", "Status", "Rating"]},
    "Email": "email", "Phone": "phone", "MobilePhone": "phone", "Fax": "phone",
    "AnnualRevenue": "number", "NumberOfEmployees": "integer",
    **{name: "boolean" for name in ["HasOptedOutOfEmail", "DoNotCall", "IsConverted", "IsUnreadByOwner"]},
    "CreatedDate": "datetime", "LastModifiedDate": "datetime", "SystemModstamp": "datetime",
    "LastActivityDate": "date", "ConvertedDate": "date",
}
_PERSONAL_DATA = {
    "FirstName", "LastName", "Name", "MiddleName", "Suffix", "Salutation", "Email", "Phone", "MobilePhone",
    "Fax", "Street", "PostalCode", "Company", "Title", "Website", "Description", "City", "Latitude", "Longitude",
}


def sanitized(text):
    """Letters, digits and single underscores; never empty; starts with a letter."""
    result, last_was_underscore = "", False
    for character in texts.clusters(text):
        if len(character) == 1 and character.isascii() and character.isalnum():
            result += character
            last_was_underscore = False
        elif not last_was_underscore and result:
            result += "_"
            last_was_underscore = True
    result = result.rstrip("_")
    if not result:
        return "Column"
    return result if result[0].isalpha() else "F_" + result


def _custom_name(header):
    name = sanitized(texts.trim_spaces(header))
    return name + "_Custom" if texts.swift_lower(name) in _STANDARD_NAMES else name


def _values_fit(observed, api_name):
    """Whether a column typed `observed` in the contract can hold the standard field `api_name`."""
    expected = _STANDARD_TYPES.get(api_name)
    if expected is None:
        return True
    temporal = observed in ("date", "datetime")
    if expected in ("date", "datetime"):
        return temporal
    if expected in ("number", "integer"):
        return observed in ("number", "integer", "boolean")
    if expected == "boolean":
        return observed == "boolean"
    return api_name in _PERSONAL_DATA or not temporal


def _standard_field(header):
    """The standard field a header names by its report label ("Converted Date" → ConvertedDate)."""
    return _LABEL_TO_API_NAME.get(texts.canonical(texts.swift_lower(texts.trim_spaces(header))))


def _normalized(name):
    return texts.canonical(texts.swift_lower(texts.trim_spaces(name)))


def _first_column(headers, keys):
    result = {}
    for index, header in enumerate(headers):
        for key in keys(header):
            result.setdefault(key, index)
    return result


def map_columns(headers, contract):
    """Source column index per contract field (None when absent); refuses absent required fields."""
    exact = _first_column(headers, lambda header: [_normalized(header)])
    sanitized_names = _first_column(headers, lambda header: [
        _normalized(sanitized(texts.trim_spaces(header))), _normalized(_custom_name(header))])
    standard = _first_column(headers, lambda header: [
        _normalized(name) for name in [_standard_field(header)] if name])
    matchers = [
        lambda field: exact.get(_normalized(field.name)),
        lambda field: exact.get(_normalized(field.label)) if field.label is not None else None,
        lambda field: sanitized_names.get(_normalized(field.name)),
        lambda field: standard.get(_normalized(field.name)) if _values_fit(field.type, field.name) else None,
    ]
    indices, taken = [None] * len(contract.fields), set()
    for matcher in matchers:
        for position, field in enumerate(contract.fields):
            if indices[position] is None:
                index = matcher(field)
                if index is not None and index not in taken:
                    indices[position] = index
                    taken.add(index)
    problems = [f"{field.name}: the column is missing (the contract needs it). Fix: include it in the export, "
                f"or map its header with 'label:' in the contract"
                for field, index in zip(contract.fields, indices) if index is None and field.required]
    if problems:
        raise LeadInputError(problems)
    return indices
