"""Values worked out once per request: kept inside a scope, computed afresh outside one."""

from django.http import HttpResponse
from django.test import RequestFactory

from cms.edge.middleware import RequestScopeMiddleware
from cms.edge.scope import in_request_scope, remembered, request_scope, scope_store


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return compute, calls


def test_a_value_is_computed_once_per_scope():
    compute, calls = counter()
    with request_scope():
        assert remembered("k", compute) == remembered("k", compute) == 1
        with request_scope():  # a nested scope is the same scope
            assert remembered("k", compute) == 1
    with request_scope():
        assert remembered("k", compute) == 2
    assert len(calls) == 2


def test_outside_a_scope_nothing_is_kept():
    compute, calls = counter()
    remembered("k", compute)
    remembered("k", compute)
    assert len(calls) == 2
    assert scope_store("s") is None


def test_a_store_lives_as_long_as_its_scope():
    with request_scope():
        scope_store("s")["a"] = 1
        assert scope_store("s") == {"a": 1}
    with request_scope():
        assert scope_store("s") == {}


def test_reads_get_a_scope_and_writes_do_not():
    seen = []

    def view(request):
        seen.append(in_request_scope())
        return HttpResponse()

    middleware = RequestScopeMiddleware(view)
    factory = RequestFactory()
    for request in (factory.get("/"), factory.head("/"), factory.post("/"), factory.put("/")):
        middleware(request)
    assert seen == [True, True, False, False]
    assert not in_request_scope()
