"""Tests of the administrative-unit facts after 1/7/2025 (dancoso_compare.admin_units)."""

from __future__ import annotations

from datetime import date

import pytest

from dancoso_compare import admin_units
from dancoso_compare.admin_units import current_province, infer_level, is_district_level, merged_into, province_was_merged
from dancoso_compare.models import Locality
from dancoso_compare.checks.rules import load_rules

CITIES = load_rules().drafting.centrally_run_cities


def tinh(name: str, unit: str = "tỉnh") -> Locality:
    return Locality(name=name, unit=unit, level="tinh")


def huyen(name: str, unit: str = "huyện") -> Locality:
    return Locality(name=name, unit=unit, level="huyen")


def xa(name: str, unit: str = "xã") -> Locality:
    return Locality(name=name, unit=unit, level="xa")


@pytest.mark.parametrize(
    "locality, expected",
    [
        (tinh("Quảng Nam"), "Thành phố Đà Nẵng"),
        (tinh("Đà Nẵng", "thành phố"), "Thành phố Đà Nẵng"),
        (tinh("Sơn La"), "Tỉnh Sơn La"),
        (tinh("Bạc Liêu"), "Tỉnh Cà Mau"),
        (tinh("Cà Mau"), "Tỉnh Cà Mau"),
        (tinh("Vĩnh Phúc"), "Tỉnh Phú Thọ"),
        (tinh("Hà Nội", "thành phố"), "Thành phố Hà Nội"),
        (huyen("Thăng Bình"), "Thành phố Đà Nẵng"),
        (huyen("Việt Trì", "thành phố"), "Tỉnh Phú Thọ"),
        (xa("Mường Kim"), "Tỉnh Lai Châu"),
        (huyen("Châu Thành"), None),  # a district name in ten provinces: ambiguous
        (xa("Không Có Thật"), None),
    ],
)
def test_current_province(locality, expected):
    assert current_province(locality) == expected


def test_parent_decides_an_ambiguous_name():
    assert current_province(huyen("Châu Thành"), tinh("Tiền Giang")) == "Tỉnh Đồng Tháp"
    assert current_province(huyen("Châu Thành"), tinh("Bến Tre")) == "Tỉnh Vĩnh Long"


def test_new_commune_names_after_the_reform():
    # A commune printed after 1/7/2025 is looked up among the new communes first.
    assert current_province(xa("Mường Kim"), as_of=date(2025, 11, 12)) == "Tỉnh Lai Châu"


def test_province_merged():
    assert province_was_merged(tinh("Quảng Nam"))
    assert not province_was_merged(tinh("Quảng Ngãi"))  # absorbed Kon Tum, kept its name
    assert not province_was_merged(huyen("Thăng Bình"))
    assert merged_into(huyen("Thăng Bình")) == "Thành phố Đà Nẵng"
    assert merged_into(tinh("Sơn La")) is None
    assert merged_into(xa("Mường Kim"), as_of=date(2025, 11, 12)) is None


@pytest.mark.parametrize(
    "unit, name, level",
    [("tỉnh", "Sơn La", "tinh"), ("thành phố", "Đà Nẵng", "tinh"), ("thành phố", "Việt Trì", "huyen"),
     ("thị xã", "Phú Thọ", "huyen"), ("quận", "Ba Đình", "huyen"), ("phường", "Hạc Thành", "xa"),
     ("thị trấn", "Hà Lam", "xa"), ("đặc khu", "Phú Quốc", "xa")],
)
def test_levels_from_the_unit_word(unit, name, level):
    assert infer_level(unit, name, CITIES) == level


def test_district_level_does_not_trust_a_wrong_level():
    assert is_district_level(Locality(name="Việt Trì", unit="thành phố", level="tinh"), CITIES)
    assert not is_district_level(Locality(name="Huế", unit="thành phố", level="tinh"), CITIES)


def test_centrally_run_cities_agree_with_the_mapping():
    cities = {n.removeprefix("Thành phố ") for n in admin_units.new_province_names() if n.startswith("Thành phố ")}
    assert cities == set(CITIES)
    assert len(admin_units.new_province_names()) == 34


def test_mapping_is_loaded_once():
    admin_units._index.cache_clear()
    current_province(tinh("Sơn La"))
    current_province(tinh("Quảng Nam"))
    assert admin_units._index.cache_info().misses == 1


def test_issuer_unit_for_roll_ups():
    unit = admin_units.issuer_unit(huyen("Thăng Bình"), CITIES)
    assert (unit.level, unit.current_province, unit.merged, unit.ceased) == ("huyen", "Thành phố Đà Nẵng", True, True)
    unit = admin_units.issuer_unit(Locality(name="Việt Trì", unit="thành phố", level="tinh"), CITIES)
    assert (unit.level, unit.current_province, unit.merged) == ("huyen", "Tỉnh Phú Thọ", False)
    unit = admin_units.issuer_unit(xa("Mường Kim"), CITIES, as_of=date(2025, 11, 12))
    assert (unit.level, unit.current_province, unit.merged, unit.ceased) == ("xa", "Tỉnh Lai Châu", False, False)
