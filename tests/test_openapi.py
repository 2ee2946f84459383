"""The OpenAPI document matches the /api/v1 routes exactly, in both directions."""
import re

PREFIX = "/api/v1"
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _routes(app):
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        # Flask <int:id> / <name> → OpenAPI {id} / {name}
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule[len(PREFIX):])
        for method in rule.methods - IGNORED_METHODS:
            routes.add((path, method.lower()))
    return routes


def test_document_is_served_and_well_formed(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.get_json()
    assert doc["openapi"].startswith("3.1")
    assert doc["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}
    schemas = doc["components"]["schemas"]
    for ref in re.findall(r'"\$ref": "#/components/schemas/(\w+)"', response.get_data(as_text=True)):
        assert ref in schemas, ref
    detail = schemas["CaseDetail"]["allOf"][1]["properties"]["messages"]
    assert detail["items"] == {"$ref": "#/components/schemas/Message"}


def test_every_route_is_documented_and_every_documented_route_exists(app, client):
    doc = client.get("/api/v1/openapi.json").get_json()
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    actual = _routes(app)
    assert actual - documented == set(), "routes missing from the OpenAPI document"
    assert documented - actual == set(), "documented routes that do not exist"


def test_path_parameters_are_declared(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    for path, ops in doc["paths"].items():
        wanted = set(re.findall(r"{(\w+)}", path))
        for method, op in ops.items():
            declared = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert declared == wanted, (path, method)
