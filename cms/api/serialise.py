"""Page JSON built once per request, without validating it through pydantic.

django-ninja answers a route declared with ``response=Schema`` by validating what the view
returned against the whole schema (resolvers, unions, every section model of the body) and then
dumping the validated models back to Python data. For a page detail that pass costs more than
building the data did, and its result is the data the resolvers returned.

:class:`PlainSerialiser` walks the same schema once instead. For each field it asks ninja's own
``DjangoGetter`` (so ``resolve_<field>`` methods, managers and dotted attributes behave exactly
as in ninja), descends into nested ninja schemas (the page's ``meta``, ``parent``, foreign keys,
discriminated unions of page types) and takes every other value as its resolver returned it.
The contract that makes this safe: a resolver returns the JSON data its annotation describes
(dicts, lists, strings, numbers, dates), as ``get_api_representation`` and the page fields in
:mod:`cms.pages.api.fields` do.

The contract is checked where it costs nothing in production: with ``API_CHECK_RESPONSES = True``
(the test and development settings) every plain response is validated against a resolver-free
twin of its schema, and refused with :class:`ResponseContractError` unless the validated,
dumped data renders to the very same bytes. The OpenAPI document is untouched: the route still
declares the typed schema.
"""

from __future__ import annotations

import copy
import functools
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, get_args, get_origin

from django.conf import settings
from django.http import HttpResponse, HttpResponseBase
from ninja.schema import DjangoGetter, ResolverMetaclass
from pydantic import ConfigDict, Discriminator, Tag, TypeAdapter, create_model

#: Converts one value (``None`` in a plan: take the value as it is).
Converter = Callable[[Any, dict], Any]
UNIONS = (typing.Union, types.UnionType)
#: Decorators of a ninja schema that change values, so walking its fields would skip them.
TRANSFORMING = ("field_validators", "field_serializers", "model_serializers", "computed_fields")


class ResponseContractError(AssertionError):
    """A plain response differs from what its declared schema makes of it."""


def is_ninja_schema(annotation) -> bool:
    return isinstance(annotation, ResolverMetaclass)


def field_annotation(info) -> Any:
    """A pydantic field's annotation with the metadata pydantic moved off it (a discriminator)."""
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _transforms(schema) -> bool:
    decorators = schema.__pydantic_decorators__
    wrapping = [d for d in decorators.model_validators.values() if d.info.mode != "wrap"]
    return bool(wrapping or any(getattr(decorators, name) for name in TRANSFORMING))


class PlainSerialiser:
    """Turns objects into the Python data a ninja response schema would dump them to."""

    def __init__(self):
        self._converters: dict[Any, Converter | None] = {}

    def serialise(self, annotation, obj, context: dict) -> Any:
        convert = self.converter(annotation)
        return obj if convert is None else convert(obj, context)

    def converter(self, annotation) -> Converter | None:
        """The converter for ``annotation``, built once (callers keep the converters of
        annotations that cannot be hashed, such as those carrying a ``FieldInfo``)."""
        try:
            return self._converters[annotation]
        except TypeError:
            return self._build(annotation)
        except KeyError:
            self._converters[annotation] = convert = self._build(annotation)
            return convert

    def _build(self, annotation) -> Converter | None:
        origin, args = get_origin(annotation), get_args(annotation)
        if is_ninja_schema(annotation):
            if _transforms(annotation):
                return self._pydantic(annotation)
            return self._schema(annotation)
        if origin is Annotated:
            discriminator = next((m for m in args[1:] if isinstance(m, Discriminator)), None)
            if discriminator is not None and callable(discriminator.discriminator):
                return self._tagged_union(args[0], discriminator.discriminator)
            return self.converter(args[0])
        if origin in UNIONS:
            members = [a for a in args if a is not type(None)]
            converters = [self.converter(a) for a in members]
            if not any(converters):
                return None
            if len(members) > 1:  # pydantic would pick a member: let it
                return self._pydantic(annotation)
            (convert,) = converters
            return lambda value, context: None if value is None else convert(value, context)
        if origin in (list, tuple, set, frozenset, typing.Sequence) and args:
            convert = self.converter(args[0])
            if convert is None:
                return None
            return lambda value, context: [convert(item, context) for item in value]
        return None

    def _schema(self, schema) -> Converter:
        @functools.cache
        def fields():
            # Looked up on first use, so a schema may nest itself.
            plan = []
            for name, info in schema.model_fields.items():
                alias = info.validation_alias if isinstance(info.validation_alias, str) else None
                convert = self.converter(field_annotation(info))
                plan.append((name, alias or info.alias or name, info, convert))
            return plan

        def convert(obj, context):
            getter = DjangoGetter(obj, schema, context)
            data = {}
            for name, attribute, info, convert_value in fields():
                try:
                    value = getattr(getter, attribute)
                except AttributeError:
                    if info.is_required():
                        raise
                    value = info.get_default(call_default_factory=True)
                else:
                    if convert_value is not None:
                        value = convert_value(value, context)
                if info.exclude or (info.exclude_if is not None and info.exclude_if(value)):
                    continue
                data[name] = value
            return data

        return convert

    def _tagged_union(self, union, discriminate) -> Converter:
        members = {}
        for member in get_args(union):
            schema, *metadata = get_args(member)
            tag = next(m.tag for m in metadata if isinstance(m, Tag))
            members[tag] = schema

        def convert(value, context):
            return self.serialise(members[discriminate(value)], value, context)

        return convert

    @staticmethod
    def _pydantic(annotation) -> Converter:
        adapter = TypeAdapter(annotation)

        def convert(value, context):
            validated = adapter.validate_python(value, from_attributes=True, context=context)
            return adapter.dump_python(validated)

        return convert


serialiser = PlainSerialiser()


# -- checking the contract ---------------------------------------------------------------------


def plain_twin(annotation, _models=None) -> Any:
    """``annotation`` with every ninja schema replaced by a resolver-free copy, which validates
    already serialised data (dicts) instead of objects."""
    models = {} if _models is None else _models
    origin, args = get_origin(annotation), get_args(annotation)
    if is_ninja_schema(annotation):
        if annotation not in models:
            fields = {
                name: (plain_twin(info.annotation, models), copy.copy(info))
                for name, info in annotation.model_fields.items()
            }
            models[annotation] = create_model(
                annotation.__name__,
                __config__=ConfigDict(extra="forbid", validate_by_name=True),
                __doc__=annotation.__doc__,
                **fields,
            )
        return models[annotation]
    if origin is Annotated:
        return Annotated[(plain_twin(args[0], models), *args[1:])]
    if origin in UNIONS:
        return typing.Union[tuple(plain_twin(a, models) for a in args)]  # noqa: UP007
    if origin in (list, tuple, set, frozenset, typing.Sequence) and args:
        return list[plain_twin(args[0], models)]
    return annotation


_twin_adapters: dict[Any, TypeAdapter] = {}


def _twin_adapter(annotation) -> TypeAdapter:
    try:
        return _twin_adapters[annotation]
    except TypeError:
        return TypeAdapter(plain_twin(annotation))
    except KeyError:
        _twin_adapters[annotation] = adapter = TypeAdapter(plain_twin(annotation))
        return adapter


def check_contract(annotation, data, render: Callable[[Any], str | bytes]) -> None:
    """Refuse ``data`` unless validating it against ``annotation`` changes nothing it renders."""
    adapter = _twin_adapter(annotation)
    served, schema = render(data), render(adapter.dump_python(adapter.validate_python(data)))
    if served != schema:
        pairs = enumerate(zip(served, schema, strict=False))
        at = next((i for i, (a, b) in pairs if a != b), min(len(served), len(schema)))
        start = max(at - 300, 0)
        raise ResponseContractError(
            f"The response differs from its schema's dump of it at byte {at}:\n"
            f"served: ...{served[start : at + 200]!r}\nschema: ...{schema[start : at + 200]!r}"
        )


# -- ninja routes ------------------------------------------------------------------------------


def serialise_once(api, operation) -> None:
    """Make a ninja GET ``operation`` of ``api`` answer with JSON built by :class:`PlainSerialiser`.

    The operation keeps its declared response schema (so its OpenAPI document is unchanged), its
    authentication and its parameters; only the validation of its result is replaced.
    """
    view = operation.view_func
    if getattr(view, "serialises_once", False):
        return
    status = 200
    annotation = field_annotation(operation.response_models[status].model_fields["response"])
    convert = serialiser.converter(annotation)

    @functools.wraps(view)
    def serialised(request, *args, **kwargs):
        result = view(request, *args, **kwargs)
        if isinstance(result, HttpResponseBase):
            return result
        context = {"request": request, "response_status": status}
        data = result if convert is None else convert(result, context)

        def render(value) -> str | bytes:
            return api.renderer.render(request, value, response_status=status)

        if getattr(settings, "API_CHECK_RESPONSES", False):
            check_contract(annotation, data, render)
        return HttpResponse(render(data), status=status, content_type=api.get_content_type())

    serialised.serialises_once = True
    operation.view_func = serialised


def find_operation(api, url_name: str, method: str = "GET"):
    """The operation of ``api`` registered under ``url_name`` for ``method``."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if getattr(operation, "url_name", None) == url_name and method in operation.methods:
                    return operation
    raise LookupError(f"No {method} operation named {url_name!r}")
