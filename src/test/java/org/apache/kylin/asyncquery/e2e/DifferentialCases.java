package org.apache.kylin.asyncquery.e2e;

import java.util.ArrayList;
import java.util.List;

import org.apache.kylin.asyncquery.e2e.DifferentialE2ETest.Case;

/**
 * The questions {@link DifferentialE2ETest} asks both engines, over all four sample projects: aggregates, joins
 * across each star schema, window functions, CASE, string and date functions, DISTINCT, set operations,
 * subqueries, ORDER BY with LIMIT and OFFSET, the request's offset and limit, TYPE_SAMPLE's awkward values, empty
 * results and every column type's extreme values. Results stay small, so the test stays quick.
 */
final class DifferentialCases {
    private static final String DEFAULT = "DEFAULT";
    private static final String LEARN = "learn_kylin";
    private static final String SSB = "ssb";
    private static final String TPCH = "tpch_kap_24";

    private DifferentialCases() {
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        typeSample(cases);
        kylinFact(cases);
        learnKylin(cases);
        ssb(cases);
        tpch(cases);
        return cases;
    }

    /** DEFAULT.TYPE_SAMPLE: every column type, its extreme values, NULLs, separators, quotes, line breaks. */
    private static void typeSample(List<Case> cases) {
        cases.add(Case.of(DEFAULT, "select * from TYPE_SAMPLE order by ID").inEveryFormat());
        cases.add(Case.of(DEFAULT, "select ID, C_VARCHAR, C_CHAR from TYPE_SAMPLE "
                + "where C_VARCHAR like '%,%' or C_VARCHAR like '%\"%' or C_CHAR = ';' order by ID desc"));
        // Calcite's SUM of an INTEGER is an INTEGER that wraps around past 2^31 (DuckDB's is HUGEINT): widen first.
        cases.add(Case.of(DEFAULT, "select C_BOOLEAN, count(*) as N, sum(cast(C_INTEGER as bigint)) as S, "
                + "min(C_DATE) as FIRST_DAY, "
                + "max(C_TIMESTAMP) as LAST_TS, min(C_TIME) as EARLIEST, max(C_DECIMAL) as BIGGEST "
                + "from TYPE_SAMPLE group by C_BOOLEAN order by C_BOOLEAN"));
        cases.add(Case.of(DEFAULT, "select min(C_TINYINT) as T0, max(C_TINYINT) as T1, min(C_SMALLINT) as S0, "
                + "max(C_SMALLINT) as S1, min(C_INTEGER) as I0, max(C_INTEGER) as I1, min(C_BIGINT) as B0, "
                + "max(C_BIGINT) as B1, min(C_REAL) as R0, max(C_REAL) as R1, min(C_DOUBLE) as D0, "
                + "max(C_DOUBLE) as D1, min(C_DECIMAL) as N0, max(C_DECIMAL) as N1 from TYPE_SAMPLE").inEveryFormat());
        cases.add(Case.of(DEFAULT, "select ID, C_REAL, C_DOUBLE, C_TIME, C_TIMESTAMP, C_DATE from TYPE_SAMPLE "
                + "where ID >= 15 order by ID").inEveryFormat());
        cases.add(Case.of(DEFAULT, "select ID, C_DECIMAL * 2 as TWICE, C_DECIMAL + 1 as PLUS_ONE, "
                + "cast(C_DECIMAL as decimal(10,2)) as ROUNDED, C_INTEGER * 3 as TRIPLE from TYPE_SAMPLE "
                + "where ID <= 14 or ID = 18 order by ID", "select ID, C_DECIMAL * 2 as TWICE, C_DECIMAL + 1 as "
                + "PLUS_ONE, cast(round(C_DECIMAL, 2) as decimal(10,2)) as ROUNDED, C_INTEGER * 3 as TRIPLE "
                + "from TYPE_SAMPLE where ID <= 14 or ID = 18 order by ID"));
        cases.add(Case.of(DEFAULT, "select ID, coalesce(C_INTEGER, -1) as I, nullif(C_SMALLINT, 100) as S, "
                + "case when C_BOOLEAN then 'yes' when not C_BOOLEAN then 'no' else 'unknown' end as B "
                + "from TYPE_SAMPLE order by ID"));
        cases.add(Case.of(DEFAULT, "select ID, upper(C_VARCHAR) as U, lower(CASE_NAME) as L, "
                + "char_length(C_VARCHAR) as N, substring(CASE_NAME from 2 for 5) as SUB, "
                + "trim(C_VARCHAR) as T, C_VARCHAR || '|' || C_CHAR as JOINED from TYPE_SAMPLE "
                + "where (ID <= 11 or ID between 13 and 19) and ID <> 2 order by ID",
                "select ID, upper(C_VARCHAR) as U, lower(CASE_NAME) as L, length(C_VARCHAR) as N, "
                        + "substring(CASE_NAME, 2, 5) as SUB, trim(C_VARCHAR, ' ') as T, C_VARCHAR || '|' || C_CHAR "
                        + "as JOINED from TYPE_SAMPLE where (ID <= 11 or ID between 13 and 19) and ID <> 2 order by ID"));
        cases.add(Case.of(DEFAULT, "select * from TYPE_SAMPLE where 1 = 0"));
        cases.add(Case.of(DEFAULT, "select ID, CASE_NAME from TYPE_SAMPLE where C_INTEGER is null or C_DATE is null "
                + "order by ID"));
        cases.add(Case.of(DEFAULT, "select x, y from (values (1, 'a'), (2, 'b'), (3, 'c')) as t(x, y) order by x"));
        cases.add(Case.of(DEFAULT, "select ID, C_TIMESTAMP from TYPE_SAMPLE order by C_TIMESTAMP desc, ID"));
        cases.add(Case.of(DEFAULT, "select ID, EXTRACT(YEAR FROM C_DATE) as Y, EXTRACT(MONTH FROM C_DATE) as M, "
                + "EXTRACT(DAY FROM C_DATE) as D, EXTRACT(HOUR FROM C_TIMESTAMP) as H from TYPE_SAMPLE "
                + "where C_DATE is not null order by ID"));
    }

    /** DEFAULT.TEST_KYLIN_FACT: paging through the request and through the SQL, LIMIT and FETCH alike. */
    private static void kylinFact(List<Case> cases) {
        cases.add(Case.of(DEFAULT, "select LSTG_FORMAT_NAME, count(*) as N, sum(PRICE) as GMV, min(PRICE) as LOW, "
                + "max(PRICE) as HIGH, avg(PRICE) as MEAN from TEST_KYLIN_FACT group by LSTG_FORMAT_NAME "
                + "order by LSTG_FORMAT_NAME"));
        cases.add(Case.of(DEFAULT, "select TRANS_ID, PRICE from TEST_KYLIN_FACT order by TRANS_ID")
                .paged(5, 7, "select TRANS_ID, PRICE from TEST_KYLIN_FACT order by TRANS_ID limit 7 offset 5"));
        cases.add(Case.of(DEFAULT, "select TRANS_ID, CAL_DT from TEST_KYLIN_FACT order by TRANS_ID "
                + "fetch first 7 rows only").paged(3, 0, "select TRANS_ID, CAL_DT from TEST_KYLIN_FACT "
                + "order by TRANS_ID limit 7 offset 3"));
        cases.add(Case.of(DEFAULT, "select TRANS_ID, CAL_DT from TEST_KYLIN_FACT order by TRANS_ID limit 7")
                .paged(3, 0, "select TRANS_ID, CAL_DT from TEST_KYLIN_FACT order by TRANS_ID limit 7 offset 3"));
        cases.add(Case.of(DEFAULT, "select TRANS_ID from TEST_KYLIN_FACT order by TRANS_ID offset 10 rows "
                + "fetch next 4 rows only").paged(100, 100, "select TRANS_ID from TEST_KYLIN_FACT order by TRANS_ID "
                + "limit 4 offset 10"));
        cases.add(Case.of(DEFAULT, "select TRANS_ID, SELLER_ID from TEST_KYLIN_FACT order by TRANS_ID limit 20")
                .paged(0, 5, "select TRANS_ID, SELLER_ID from TEST_KYLIN_FACT order by TRANS_ID limit 20"));
        cases.add(Case.of(DEFAULT, "select distinct LSTG_FORMAT_NAME from TEST_KYLIN_FACT").unordered());
        cases.add(Case.of(DEFAULT, "select CAL_DT, count(*) as N, sum(ITEM_COUNT) as ITEMS from TEST_KYLIN_FACT "
                + "group by CAL_DT order by N desc, CAL_DT limit 10"));
        cases.add(Case.of(DEFAULT, "select TRANS_ID, case when PRICE > 500 then 'high' when PRICE > 100 then 'mid' "
                + "else 'low' end as BAND from TEST_KYLIN_FACT where TRANS_ID < 40 order by TRANS_ID"));
        cases.add(Case.of(DEFAULT, "select SELLER_ID from TEST_KYLIN_FACT where LSTG_SITE_ID = 0 union "
                + "select SELLER_ID from TEST_KYLIN_FACT where SLR_SEGMENT_CD = 5").unordered());
        cases.add(Case.of(DEFAULT, "select FLOOR(CAL_DT TO MONTH) as MONTH_START, count(*) as N from TEST_KYLIN_FACT "
                + "group by FLOOR(CAL_DT TO MONTH) order by 1", "select cast(date_trunc('month', CAL_DT) as date) "
                + "as MONTH_START, count(*) as N from TEST_KYLIN_FACT group by 1 order by 1"));
        cases.add(Case.of(DEFAULT, "select TRANS_ID, PRICE from TEST_KYLIN_FACT "
                + "where PRICE > (select avg(PRICE) from TEST_KYLIN_FACT) order by PRICE desc, TRANS_ID limit 15"));
    }

    /** learn_kylin: Kylin's sample star schema, joined every way. */
    private static void learnKylin(List<Case> cases) {
        cases.add(Case.of(LEARN, "select LSTG_FORMAT_NAME, SLR_SEGMENT_CD, sum(PRICE) as GMV, count(*) as TRANS_CNT "
                + "from KYLIN_SALES group by LSTG_FORMAT_NAME, SLR_SEGMENT_CD order by 1, 2"));
        cases.add(Case.of(LEARN, "select c.YEAR_BEG_DT, count(*) as N, sum(s.PRICE) as GMV from KYLIN_SALES s "
                + "join KYLIN_CAL_DT c on s.PART_DT = c.CAL_DT group by c.YEAR_BEG_DT order by 1"));
        cases.add(Case.of(LEARN, "select g.META_CATEG_NAME, count(*) as N, sum(s.PRICE) as GMV "
                + "from KYLIN_SALES s join KYLIN_CATEGORY_GROUPINGS g on s.LEAF_CATEG_ID = g.LEAF_CATEG_ID "
                + "and s.LSTG_SITE_ID = g.SITE_ID group by g.META_CATEG_NAME order by 1"));
        cases.add(Case.of(LEARN, "select co.NAME, count(*) as BUYERS_SALES, sum(s.PRICE) as GMV from KYLIN_SALES s "
                + "join KYLIN_ACCOUNT a on s.BUYER_ID = a.ACCOUNT_ID join KYLIN_COUNTRY co "
                + "on a.ACCOUNT_COUNTRY = co.COUNTRY group by co.NAME order by GMV desc, co.NAME"));
        cases.add(Case.of(LEARN, "select c.MONTH_BEG_DT, g.CATEG_LVL2_NAME, co.NAME, sum(s.PRICE) as GMV, "
                + "count(distinct s.SELLER_ID) as SELLERS from KYLIN_SALES s "
                + "join KYLIN_CAL_DT c on s.PART_DT = c.CAL_DT "
                + "join KYLIN_CATEGORY_GROUPINGS g on s.LEAF_CATEG_ID = g.LEAF_CATEG_ID and s.LSTG_SITE_ID = g.SITE_ID "
                + "join KYLIN_ACCOUNT a on s.SELLER_ID = a.ACCOUNT_ID join KYLIN_COUNTRY co on a.ACCOUNT_COUNTRY = "
                + "co.COUNTRY where c.YEAR_BEG_DT = DATE '2012-01-01' "
                + "group by c.MONTH_BEG_DT, g.CATEG_LVL2_NAME, co.NAME order by 1, 2, 3 limit 40"));
        cases.add(Case.of(LEARN, "select SELLER_ID, sum(PRICE) as GMV from KYLIN_SALES group by SELLER_ID "
                + "order by GMV desc, SELLER_ID limit 10"));
        cases.add(Case.of(LEARN, "select OPS_REGION, count(*) as N from KYLIN_SALES group by OPS_REGION "
                + "having count(*) > 50 order by OPS_REGION"));
        cases.add(Case.of(LEARN, "select TRANS_ID, LSTG_FORMAT_NAME, sum(PRICE) over (partition by LSTG_FORMAT_NAME "
                + "order by PART_DT, TRANS_ID rows between 2 preceding and current row) as MOVING_GMV, "
                + "row_number() over (partition by LSTG_FORMAT_NAME order by PART_DT, TRANS_ID) as SEQ "
                + "from KYLIN_SALES where TRANS_ID < 60 order by TRANS_ID"));
        cases.add(Case.of(LEARN, "select TRANS_ID, PRICE, rank() over (order by PRICE desc) as R, "
                + "dense_rank() over (order by SLR_SEGMENT_CD) as DR from KYLIN_SALES "
                + "order by PRICE desc, TRANS_ID limit 20"));
        cases.add(Case.of(LEARN, "select LSTG_FORMAT_NAME, OPS_REGION, sum(PRICE) as GMV, count(*) as N "
                + "from KYLIN_SALES group by rollup(LSTG_FORMAT_NAME, OPS_REGION) order by 1, 2"));
        cases.add(Case.of(LEARN, "select LSTG_FORMAT_NAME, SLR_SEGMENT_CD, count(*) as N from KYLIN_SALES "
                + "group by cube(LSTG_FORMAT_NAME, SLR_SEGMENT_CD) order by 1, 2"));
        cases.add(Case.of(LEARN, "select LSTG_FORMAT_NAME, OPS_REGION, max(PRICE) as TOP_PRICE from KYLIN_SALES "
                + "group by grouping sets ((LSTG_FORMAT_NAME), (OPS_REGION), ()) order by 1, 2"));
        cases.add(Case.of(LEARN, "select OPS_REGION, count(distinct SELLER_ID) as SELLERS, "
                + "count(distinct BUYER_ID) as BUYERS from KYLIN_SALES group by OPS_REGION order by 1"));
        cases.add(Case.of(LEARN, "select distinct OPS_USER_ID || '-' || OPS_REGION as WHO, upper(OPS_REGION) as U "
                + "from KYLIN_SALES where TRANS_ID < 200").unordered());
        cases.add(Case.of(LEARN, "select TRANS_ID, PRICE, cast(PRICE as decimal(10,2)) as P2, "
                + "cast(PRICE as decimal(12,0)) as P0, cast(PRICE as double) as PD from KYLIN_SALES "
                + "where TRANS_ID < 30 order by TRANS_ID", "select TRANS_ID, PRICE, cast(round(PRICE, 2) as "
                + "decimal(10,2)) as P2, cast(round(PRICE, 0) as decimal(12,0)) as P0, cast(PRICE as double) as PD "
                + "from KYLIN_SALES where TRANS_ID < 30 order by TRANS_ID"));
        cases.add(Case.of(LEARN, "select LSTG_FORMAT_NAME, avg(PRICE) as MEAN, cast(avg(ITEM_COUNT * 1.0) as "
                + "decimal(10,3)) as ITEMS from KYLIN_SALES group by LSTG_FORMAT_NAME order by 1",
                "select LSTG_FORMAT_NAME, avg(PRICE) as MEAN, cast(avg(ITEM_COUNT * 1.0) as decimal(10,3)) as ITEMS "
                        + "from KYLIN_SALES group by LSTG_FORMAT_NAME order by 1"));
        cases.add(Case.of(LEARN, "select PART_DT, TIMESTAMPADD(MONTH, 1, PART_DT) as NEXT_MONTH, "
                + "TIMESTAMPDIFF(DAY, PART_DT, DATE '2014-01-01') as DAYS_LEFT, QUARTER(PART_DT) as Q, "
                + "PART_DT + INTERVAL '7' DAY as WEEK_LATER, CEIL(PART_DT TO YEAR) as NEXT_YEAR "
                + "from KYLIN_SALES where TRANS_ID < 25 order by TRANS_ID",
                "select PART_DT, cast(PART_DT + INTERVAL 1 MONTH as date) as NEXT_MONTH, "
                        + "date_diff('day', PART_DT, DATE '2014-01-01') as DAYS_LEFT, quarter(PART_DT) as Q, "
                        + "cast(PART_DT + INTERVAL 7 DAY as date) as WEEK_LATER, cast(case when PART_DT = "
                        + "date_trunc('year', PART_DT) then PART_DT else date_trunc('year', PART_DT) + INTERVAL 1 YEAR "
                        + "end as date) as NEXT_YEAR from KYLIN_SALES where TRANS_ID < 25 order by TRANS_ID"));
        // The CAST works around Calcite 1.37 matching nothing between an INTEGER and a BIGINT subquery.
        cases.add(Case.of(LEARN, "select SELLER_ID, count(*) as N from KYLIN_SALES where SELLER_ID in "
                + "(select cast(ACCOUNT_ID as integer) from KYLIN_ACCOUNT where ACCOUNT_SELLER_LEVEL = 5) "
                + "group by SELLER_ID order by SELLER_ID limit 25"));
        cases.add(Case.of(LEARN, "select a.ACCOUNT_ID, a.ACCOUNT_COUNTRY from KYLIN_ACCOUNT a where exists "
                + "(select 1 from KYLIN_SALES s where s.BUYER_ID = a.ACCOUNT_ID and s.PRICE > 900) "
                + "order by a.ACCOUNT_ID"));
        cases.add(Case.of(LEARN, "with TOP_SELLERS as (select SELLER_ID, sum(PRICE) as GMV from KYLIN_SALES "
                + "group by SELLER_ID order by GMV desc limit 5) select t.SELLER_ID, t.GMV, a.ACCOUNT_COUNTRY "
                + "from TOP_SELLERS t join KYLIN_ACCOUNT a on t.SELLER_ID = a.ACCOUNT_ID order by t.GMV desc"));
        cases.add(Case.of(LEARN, "select * from KYLIN_SALES order by TRANS_ID").paged(0, 25,
                "select * from KYLIN_SALES order by TRANS_ID limit 25"));
        cases.add(Case.of(LEARN, "select TRANS_ID, PRICE, PART_DT from KYLIN_SALES where PRICE < 0"));
        cases.add(Case.of(LEARN, "select TRANS_ID, PRICE * ITEM_COUNT as TOTAL, PRICE - 1 as LESS, "
                + "ITEM_COUNT * SLR_SEGMENT_CD as PRODUCT, mod(TRANS_ID, 7) as M from KYLIN_SALES "
                + "where TRANS_ID between 100 and 130 order by TRANS_ID"));
        cases.add(Case.of(LEARN, "select COUNTRY, NAME, LATITUDE, LONGITUDE from KYLIN_COUNTRY order by COUNTRY"));
        cases.add(Case.of(LEARN, "select LSTG_FORMAT_NAME from KYLIN_SALES where SLR_SEGMENT_CD = -99 intersect "
                + "select LSTG_FORMAT_NAME from KYLIN_SALES where OPS_REGION = 'Beijing'").unordered());
    }

    /** ssb: the Star Schema Benchmark's queries and a few more. */
    private static void ssb(List<Case> cases) {
        cases.add(Case.of(SSB, "select sum(LO_EXTENDEDPRICE * LO_DISCOUNT) as REVENUE from P_LINEORDER "
                + "join DATES on LO_ORDERDATE = D_DATEKEY where D_YEAR = 1993 and LO_DISCOUNT between 1 and 3 "
                + "and LO_QUANTITY < 25"));
        cases.add(Case.of(SSB, "select sum(LO_REVENUE) as REVENUE, D_YEAR, P_BRAND from P_LINEORDER "
                + "join DATES on LO_ORDERDATE = D_DATEKEY join PART on LO_PARTKEY = P_PARTKEY "
                + "join SUPPLIER on LO_SUPPKEY = S_SUPPKEY where P_CATEGORY = 'MFGR#12' and S_REGION = 'AMERICA' "
                + "group by D_YEAR, P_BRAND order by D_YEAR, P_BRAND"));
        cases.add(Case.of(SSB, "select C_NATION, S_NATION, D_YEAR, sum(LO_REVENUE) as REVENUE from P_LINEORDER "
                + "join CUSTOMER on LO_CUSTKEY = C_CUSTKEY join SUPPLIER on LO_SUPPKEY = S_SUPPKEY "
                + "join DATES on LO_ORDERDATE = D_DATEKEY where C_REGION = 'ASIA' and S_REGION = 'ASIA' "
                + "and D_YEAR >= 1992 and D_YEAR <= 1997 group by C_NATION, S_NATION, D_YEAR "
                + "order by D_YEAR asc, REVENUE desc, C_NATION, S_NATION"));
        cases.add(Case.of(SSB, "select D_YEAR, C_NATION, sum(LO_REVENUE - LO_SUPPLYCOST) as PROFIT "
                + "from P_LINEORDER join DATES on LO_ORDERDATE = D_DATEKEY join CUSTOMER on LO_CUSTKEY = C_CUSTKEY "
                + "join SUPPLIER on LO_SUPPKEY = S_SUPPKEY join PART on LO_PARTKEY = P_PARTKEY "
                + "where C_REGION = 'AMERICA' and S_REGION = 'AMERICA' and (P_MFGR = 'MFGR#1' or P_MFGR = 'MFGR#2') "
                + "group by D_YEAR, C_NATION order by D_YEAR, C_NATION"));
        cases.add(Case.of(SSB, "select LO_SHIPMODE, sum(V_REVENUE) as V, avg(cast(LO_QUANTITY as double)) as Q, "
                + "count(*) as N from P_LINEORDER group by LO_SHIPMODE order by LO_SHIPMODE"));
        cases.add(Case.of(SSB, "select LO_ORDERPRIORITY, count(*) as N, min(LO_ORDERDATE) as FIRST_DAY, "
                + "max(LO_COMMITDATE) as LAST_COMMIT from P_LINEORDER group by LO_ORDERPRIORITY order by 1"));
        cases.add(Case.of(SSB, "select distinct C_REGION, C_NATION from CUSTOMER").unordered());
        cases.add(Case.of(SSB, "select S_SUPPKEY, S_REGION, row_number() over (partition by S_REGION order by "
                + "S_SUPPKEY) as N, count(*) over (partition by S_REGION) as IN_REGION from SUPPLIER order by S_SUPPKEY"));
        cases.add(Case.of(SSB, "select D_YEAR, count(*) as DAYS, sum(D_HOLIDAYFL) as HOLIDAYS from DATES "
                + "group by D_YEAR having count(*) > 300 order by D_YEAR"));
        cases.add(Case.of(SSB, "select P_COLOR, count(*) as N from PART where P_NAME like '%green%' or "
                + "P_COLOR in ('red', 'blue') group by P_COLOR order by N desc, P_COLOR"));
        cases.add(Case.of(SSB, "select C_CUSTKEY, C_NAME, C_PHONE from CUSTOMER order by C_CUSTKEY desc")
                .paged(20, 10, "select C_CUSTKEY, C_NAME, C_PHONE from CUSTOMER order by C_CUSTKEY desc "
                        + "limit 10 offset 20"));
    }

    /** tpch_kap_24: TPC-H's queries, and the model's views. */
    private static void tpch(List<Case> cases) {
        cases.add(Case.of(TPCH, "select L_RETURNFLAG, L_LINESTATUS, sum(L_QUANTITY) as SUM_QTY, "
                + "sum(L_EXTENDEDPRICE) as SUM_BASE_PRICE, sum(L_EXTENDEDPRICE * (1 - L_DISCOUNT)) as SUM_DISC_PRICE, "
                + "sum(L_EXTENDEDPRICE * (1 - L_DISCOUNT) * (1 + L_TAX)) as SUM_CHARGE, avg(L_QUANTITY) as AVG_QTY, "
                + "avg(L_EXTENDEDPRICE) as AVG_PRICE, avg(L_DISCOUNT) as AVG_DISC, count(*) as COUNT_ORDER "
                + "from LINEITEM where L_SHIPDATE <= DATE '1998-12-01' - INTERVAL '90' DAY "
                + "group by L_RETURNFLAG, L_LINESTATUS order by L_RETURNFLAG, L_LINESTATUS"));
        cases.add(Case.of(TPCH, "select L_ORDERKEY, sum(L_EXTENDEDPRICE * (1 - L_DISCOUNT)) as REVENUE, "
                + "O_ORDERDATE, O_SHIPPRIORITY from CUSTOMER join ORDERS on C_CUSTKEY = O_CUSTKEY "
                + "join LINEITEM on L_ORDERKEY = O_ORDERKEY where C_MKTSEGMENT = 'BUILDING' "
                + "and O_ORDERDATE < DATE '1995-03-15' and L_SHIPDATE > DATE '1995-03-15' "
                + "group by L_ORDERKEY, O_ORDERDATE, O_SHIPPRIORITY order by REVENUE desc, O_ORDERDATE, L_ORDERKEY "
                + "limit 10"));
        cases.add(Case.of(TPCH, "select sum(L_EXTENDEDPRICE * L_DISCOUNT) as REVENUE from LINEITEM "
                + "where L_SHIPDATE >= DATE '1994-01-01' and L_SHIPDATE < DATE '1995-01-01' "
                + "and L_DISCOUNT between 0.05 and 0.07 and L_QUANTITY < 24"));
        cases.add(Case.of(TPCH, "select count(*) as N, L_RECEIPTDELAYED from V_LINEITEM inner join V_ORDERS "
                + "on L_ORDERKEY = O_ORDERKEY group by L_RECEIPTDELAYED order by L_RECEIPTDELAYED"));
        cases.add(Case.of(TPCH, "select O_ORDERYEAR, count(*) as ORDERS, sum(O_TOTALPRICE) as TOTAL, "
                + "max(O_TOTALPRICE) as BIGGEST from V_ORDERS group by O_ORDERYEAR order by O_ORDERYEAR"));
        cases.add(Case.of(TPCH, "select L_SHIPMODE, sum(case when O_ORDERPRIORITY = '1-URGENT' or O_ORDERPRIORITY = "
                + "'2-HIGH' then 1 else 0 end) as HIGH_LINE_COUNT, sum(case when O_ORDERPRIORITY <> '1-URGENT' and "
                + "O_ORDERPRIORITY <> '2-HIGH' then 1 else 0 end) as LOW_LINE_COUNT from ORDERS join LINEITEM on "
                + "O_ORDERKEY = L_ORDERKEY where L_SHIPMODE in ('MAIL', 'SHIP') and L_COMMITDATE < L_RECEIPTDATE "
                + "and L_SHIPDATE < L_COMMITDATE group by L_SHIPMODE order by L_SHIPMODE"));
        cases.add(Case.of(TPCH, "select C_COUNT, count(*) as CUSTDIST from (select C_CUSTKEY, count(O_ORDERKEY) as "
                + "C_COUNT from CUSTOMER left outer join ORDERS on C_CUSTKEY = O_CUSTKEY and O_COMMENT not like "
                + "'%special%requests%' group by C_CUSTKEY) as C_ORDERS group by C_COUNT "
                + "order by CUSTDIST desc, C_COUNT desc"));
        cases.add(Case.of(TPCH, "select P_TYPE, count(*) as N, min(P_RETAILPRICE) as LOW, max(P_SIZE) as BIGGEST "
                + "from PART where P_TYPE like '%BRASS' group by P_TYPE order by P_TYPE"));
        cases.add(Case.of(TPCH, "select O_ORDERKEY, O_TOTALPRICE, O_ORDERDATE from ORDERS order by O_ORDERKEY")
                .paged(100, 10, "select O_ORDERKEY, O_TOTALPRICE, O_ORDERDATE from ORDERS order by O_ORDERKEY "
                        + "limit 10 offset 100"));
        cases.add(Case.of(TPCH, "select min(O_ORDERDATE) as FIRST_ORDER, max(O_ORDERDATE) as LAST_ORDER, "
                + "avg(O_TOTALPRICE) as MEAN, sum(O_TOTALPRICE) as TOTAL, count(distinct O_CUSTKEY) as CUSTOMERS "
                + "from ORDERS"));
        cases.add(Case.of(TPCH, "select C_CUSTKEY from CUSTOMER except select O_CUSTKEY from ORDERS").unordered());
        cases.add(Case.of(TPCH, "select C_NATIONKEY, C_MKTSEGMENT, count(*) as N, sum(C_ACCTBAL) as BALANCE, "
                + "avg(C_ACCTBAL) as MEAN_BALANCE from CUSTOMER group by C_NATIONKEY, C_MKTSEGMENT "
                + "order by C_NATIONKEY, C_MKTSEGMENT limit 30"));
        cases.add(Case.of(TPCH, "select L_ORDERKEY, L_LINENUMBER, L_QUANTITY, lag(L_QUANTITY) over (partition by "
                + "L_ORDERKEY order by L_LINENUMBER) as PREVIOUS, sum(L_QUANTITY) over (partition by L_ORDERKEY) "
                + "as ORDER_TOTAL from LINEITEM where L_ORDERKEY < 40 order by L_ORDERKEY, L_LINENUMBER"));
        cases.add(Case.of(TPCH, "select L_SHIPYEAR, L_SHIPDELAYED, count(*) as N from V_LINEITEM "
                + "group by L_SHIPYEAR, L_SHIPDELAYED order by 1, 2"));
    }
}
