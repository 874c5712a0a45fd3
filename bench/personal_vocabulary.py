"""The personal books' vocabulary: their accounts, bills, spending, payees' syllables, cities."""

from __future__ import annotations

import datetime
from decimal import Decimal

CENT = Decimal("0.01")
DAY = datetime.timedelta(days=1)
CHECKING, CASH, BROKER = "Assets:Bank:Checking", "Assets:Cash", "Assets:Broker:Cash"
VISA, AMEX = CARDS = ("Liabilities:Card:Visa", "Liabilities:Card:Amex")
#: Everyday spending, Expenses:GROUP:LEAF: group, weight of each leaf, low and
#: high cents, payee nouns / the leaves.
EVERYDAY = """
Food       9   250  9000 Market Deli Bistro     / Groceries Restaurants Coffee Bakery Takeaway Lunch
Transport  4   200 12000 Mobility Rail Auto      / Train Bus Taxi Fuel Parking CarRepair Bike
Shopping   4   500 25000 Store Shop Outlet       / Clothes Shoes Electronics Household Garden Hobby
Leisure    3   500  8000 Club Hall Books         / Books Cinema Concerts Music Sports Games Museums
Health     2   400 30000 Pharmacy Clinic Praxis  / Pharmacy Doctor Dentist Optician Gym
Family     2   500 15000 Toys Kids Pets          / Gifts Kids School Pets Vet
Personal   1   500  6000 Salon Beauty Wash       / Haircut Cosmetics Laundry
Housing    1  1500 60000 Home Handwerk Interior  / Repairs Furniture Cleaning
Business   1   500 90000 Tech Office Print       / Hardware Office Training Books Travel Postage
Education  1  2000 40000 Academy School          / Courses Languages
Charity    1  1000 10000 Foundation Relief       / Donations
"""
#: Monthly bills: account below Expenses, cents, paid by (bank, visa, amex), payee.
MONTHLY = """
Housing:Rent            140000 bank Landlord
Housing:Power             9000 bank Power Co
Housing:Water             3000 bank City Water
Housing:Internet          4500 bank Fibre Net
Insurance:Liability       1200 bank Insurer
Insurance:Home            2500 bank Insurer
Insurance:Health         42000 bank Health Fund
Subscriptions:Streaming   1299 visa Streamflix
Subscriptions:News        1499 visa Daily Paper
Subscriptions:Music        999 amex Tunes
Business:Phone            3500 amex Telco
Business:Coworking       25000 bank Cowork Hub
Finance:BankFees           790 bank Bank
"""
#: Once a year, in April, from the bank: account below Expenses, cents.
YEARLY = "Taxes:Property 45000 Taxes:Vehicle 19000 Insurance:Car 62000 Insurance:Life 30000"
YEARLY += " Business:Accounting 90000"
OTHERS = "Housing:Heating Subscriptions:Cloud Business:Software Finance:CardFees"
OTHERS += " Finance:Interest Taxes:Income Travel:Flights Travel:Hotels Travel:Food"
OTHERS += " Travel:Transport Travel:Sights"
ACCOUNTS = [CASH, "Assets:Bank:Joint", BROKER, "Assets:Broker:ETF", *CARDS]
ACCOUNTS += ["Liabilities:Loan:Car", "Income:Dividends", "Income:Refunds"]
#: Trips: city and currency.
CITIES: tuple[tuple[str, str], ...] = (
    ("lisbon", "EUR"),
    ("london", "GBP"),
    ("boston", "USD"),
    ("rome", "EUR"),
)
CITIES += (("edinburgh", "GBP"), ("vienna", "EUR"), ("newyork", "USD"), ("porto", "EUR"))
SPLITS = "Food:Groceries Shopping:Household Health:Pharmacy Personal:Cosmetics Family:Pets"
SPLITS += " Family:Kids Leisure:Books Shopping:Electronics"
SYLLABLES = "al be co da el fa go hu in jo ka lu ma no or pi ru sa te vo"


def accounts(everyday: list[str]) -> list[str]:
    """The accounts the books open: their own, the bills', and the `everyday` spending's."""
    opened = ACCOUNTS + [f"Expenses:{a}" for a in OTHERS.split()]
    opened += [f"Expenses:{line.split()[0]}" for line in MONTHLY.strip().splitlines()]
    opened += [f"Expenses:{a}" for a in YEARLY.split()[::2]] + everyday
    return list(dict.fromkeys(opened))
