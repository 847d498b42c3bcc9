"""Small files in each dataset's layouts, written to a folder, so tests know every number."""

import datetime as dt
import gzip
from pathlib import Path

from openpyxl import Workbook

STOCK_CSV = """year,dest_iso3,orig_iso3,sex,n,type_b,type_c,type_r,type_i
2000,KEN,UGA,female,100,1,0,1,0
2000,KEN,UGA,male,120,1,0,1,0
2000,KEN,OOO,female,5,1,0,1,0
2000,KEN,OOO,male,5,1,0,1,0
2000,MEX,USA,female,50,1,0,1,0
2000,MEX,USA,male,50,1,0,1,0
2020,KEN,UGA,female,200,1,0,1,0
2020,KEN,UGA,male,210,1,0,1,0
2020,MEX,USA,female,80,1,0,1,0
2020,MEX,USA,male,70,1,0,1,0
2020,UGA,KEN,female,30,1,0,1,0
2020,UGA,KEN,male,20,1,0,1,0
"""

POPULATION_CSV = """iso3,year,indicator,value
KEN,2000,pop,10000
MEX,2000,pop,20000
UGA,2000,pop,10000
KEN,2020,pop,20000
MEX,2020,pop,25000
UGA,2020,pop,15000
KEN,2020,gdp,1000000
MEX,2020,gdp,5000000000
UGA,2020,gdp,300000
KEN,2019,gdp,900000
KEN,2020,birth,30.1
"""

REMITTANCES_CSV = """iso3,year,remittances_received_usd,remittances_paid_usd
KEN,2019,90000,100
KEN,2020,100000,200
MEX,2020,50000000,
UGA,2020,3000,10
"""

# Corridor-quarter file: KEN sends to UGA (8 %, 6 %), USA to MEX (4 %, 2 %).
RPW_HEADER = (
    "period,source_code,source_name,destination_code,destination_name,corridor,"
    "avg_cost_pct_200usd,avg_cost_pct_500usd,avg_fx_margin_200usd,avg_fx_margin_500usd,"
    "num_providers\n"
)
RPW_CSV = (
    RPW_HEADER
    + """2016_1Q,KEN,Kenya,UGA,Uganda,KENUGA,10.0,8.0,1,1,2
2016_1Q,USA,United States,MEX,Mexico,USAMEX,6.0,4.0,1,1,2
2020_1Q,KEN,Kenya,UGA,Uganda,KENUGA,8.0,6.0,1,1,1
2020_1Q,USA,United States,MEX,Mexico,USAMEX,4.0,3.0,1,1,3
2024_4Q,KEN,Kenya,UGA,Uganda,KENUGA,6.0,5.0,1,1,1
2024_4Q,USA,United States,MEX,Mexico,USAMEX,2.0,1.5,1,1,3
"""
)

UNHCR_CSV = """year,asylum_iso3,origin_iso3,population_group,count
2020,KEN,UGA,refugee,300
2020,MEX,UGA,refugee,150
2020,KEN,UGA,asylum,40
2020,UGA,KEN,refugee,20
2020,KEN,STL,stateless,7
"""

MM_HEADER = (
    "Main ID,Incident ID,Incident Type,Region of Incident,Incident Date,Incident Year,Month,"
    "Number of Dead,Minimum Estimated Number of Missing,Total Number of Dead and Missing,"
    "Number of Survivors,Number of Females,Number of Males,Number of Children,Country of Origin,"
    "Region of Origin,Cause of Death,Country of Incident,Migration Route,Location of Incident,"
    "Coordinates,UNSD Geographical Grouping,Information Source,URL,Source Quality"
)
MM_ROWS = [
    "2016.1,2016.1,Incident,Mediterranean,2016-03-01,2016,March,10,5,15,,2,3,1,Unknown,,Drowning,"
    'Libya,Central Mediterranean,"off Tripoli","1, 2",Northern Africa,x,,3',
    "2019.1,2019.1,Incident,North America,2019-06-10,2019,June,3,,3,,1,2,,Mexico,,Violence,"
    "Mexico,US-Mexico border crossing,,,Central America,x,,3",
    "2020.1,2020.1,Incident,North America,2020-02-10,2020,February,2,,2,,,,,Mexico,,Violence,"
    "United States of America,US-Mexico border crossing,,,Northern America,x,,3",
    "2020.2,2020.2,Split Incident,Mediterranean,2020-12-31,2020,December,4,-1,3,,,,,Syria,,"
    "Drowning,Greece,Eastern Mediterranean,,,Southern Europe,x,,3",
    "2020.3,2020.3,Incident,Atlantisia,2020-07-01,2020,July,1,,1,,,,,Unknown,,Mixed,"
    "Atlantis,,,,,x,,3",
    "2020.4,2020.4,Incident,Mediterranean,,,,1,,1,,,,,Unknown,,Drowning,Libya,,,,,x,,3",
]


def write(folder: Path, name: str, text: str, *, gz: bool = False) -> Path:
    path = folder / (name + (".gz" if gz else ""))
    data = text.encode()
    if gz:
        path.write_bytes(gzip.compress(data, mtime=0))
    else:
        path.write_bytes(data)
    return path


def missing_migrants_csv(folder: Path, extra_rows=()) -> Path:
    return write(folder, "mm.csv", "\n".join([MM_HEADER, *MM_ROWS, *extra_rows]) + "\n")


def missing_migrants_xlsx(folder: Path) -> Path:
    """The IOM export layout: dates as real dates, counts as floats, one sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Worksheet"
    header = MM_HEADER.split(",")
    sheet.append(header)
    sheet.append(
        [
            "2021.1",
            "2021.1",
            "Incident",
            "Mediterranean",
            dt.datetime(2021, 5, 4),
            2021.0,
            "May",
            7.0,
            3.0,
            10.0,
            None,
            None,
            None,
            2.0,
            "Unknown",
            None,
            "Drowning",
            "Tunisia",
            "Central Mediterranean",
            None,
            None,
            None,
            "x",
            None,
            3,
        ]
    )
    sheet.append(
        [
            "2021.2",
            "2021.2",
            "Incident",
            "Caribbean",
            dt.datetime(2021, 8, 9),
            2021.0,
            "August",
            1.0,
            None,
            1.0,
            None,
            None,
            None,
            None,
            "Haiti",
            None,
            "Drowning",
            "Turks and Caicos Islands",
            None,
            None,
            None,
            None,
            "x",
            None,
            3,
        ]
    )
    path = folder / "Missing_Migrants_Global_Figures_allData.xlsx"
    book.save(path)
    return path


def ims_destination_origin_xlsx(folder: Path) -> Path:
    """UN DESA 'International migrant stock by sex, destination and origin', Table 1 layout:
    title rows, a header row, year columns in three blocks (both sexes, males, females)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Table 1"
    sheet.append(["International Migrant Stock 2099: Destination and origin"])
    sheet.append(["United Nations, Department of Economic and Social Affairs"])
    sheet.append([])
    sheet.append([None] * 7 + ["Both sexes", None, "Males", None, "Females", None])
    years = [1990, 2020]
    sheet.append(
        [
            "Index",
            "Region, development group, country or area of destination",
            "Notes",
            "Location code of destination",
            "Type of data",
            "Region, development group, country or area of origin",
            "Location code of origin",
            *years,
            *years,
            *years,
        ]
    )
    sheet.append([1, "WORLD", None, 900, None, "WORLD", 900, 999, 999, 999, 999, 999, 999])
    sheet.append([2, "Kenya", None, 404, "B R", "Uganda", 800, 30, 50, 10, 20, 20, 30])
    sheet.append([3, "Kenya", None, 404, "B R", "Other", 2003, 3, 5, 1, 2, 2, 3])
    sheet.append(
        [4, "Mexico", None, 484, "B", "United States of America", 840, 11, "..", 5, "..", 6, ".."]
    )
    path = folder / "undesa_pd_2099_ims_stock_by_sex_destination_and_origin.xlsx"
    book.save(path)
    return path


def rpw_provider_xlsx(folder: Path) -> Path:
    """RPW provider-level dataset layout ('Dataset (from Q2 2016)' sheet)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Dataset (from Q2 2016)"
    sheet.append(
        [
            "id",
            "period",
            "source_code",
            "source_name",
            "destination_code",
            "destination_name",
            "firm",
            "firm_type",
            "cc1 total cost %",
            "cc2 total cost %",
            "corridor",
        ]
    )
    sheet.append([1, "2025_1Q", "KEN", "Kenya", "UGA", "Uganda", "A", "Bank", 9.0, 7.0, "KENUGA"])
    sheet.append([2, "2025_1Q", "KEN", "Kenya", "UGA", "Uganda", "B", "MTO", 3.0, 2.0, "KENUGA"])
    sheet.append(
        [3, "2025_1Q", "USA", "United States", "MEX", "Mexico", "C", "MTO", 1.5, 1.0, "USAMEX"]
    )
    path = folder / "rpw_dataset_2011_2099_q1.xlsx"
    book.save(path)
    return path


def wdi_wide_csv(folder: Path) -> Path:
    """The World Bank's own CSV download: notes above the header, a column per year."""
    text = (
        '"Data Source","World Development Indicators",\n\n"Last Updated Date","2099-01-01",\n\n'
        '"Country Name","Country Code","Indicator Name","Indicator Code","2021","2022",\n'
        '"Kenya","KEN","Personal remittances, received (current US$)","BX.TRF.PWKR.CD.DT",'
        '"110000","120000",\n'
        '"World","WLD","Personal remittances, received (current US$)","BX.TRF.PWKR.CD.DT",'
        '"9","9",\n'
        '"Kenya","KEN","Personal remittances, paid (current US$)","BM.TRF.PWKR.CD.DT","5","",\n'
    )
    return write(folder, "API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2.csv", text)


def write_all(folder: Path) -> dict[str, Path]:
    return {
        "migrant-stock": write(folder, "stock.csv", STOCK_CSV),
        "population": write(folder, "population.csv", POPULATION_CSV),
        "remittance-flows": write(folder, "remittances.csv", REMITTANCES_CSV),
        "remittance-prices": write(folder, "rpw.csv", RPW_CSV),
        "displacement": write(folder, "unhcr.csv", UNHCR_CSV),
        "missing-migrants": missing_migrants_csv(folder),
    }
