-- One row per party per jaar: who is behind, on what, and since when (the kerngroep's
-- question, domain brief; 003 Art. 7; 000 Opgave 3).
-- - vervulling_pct / vervulling_status: the published bijdrage_vervulling and its status (in
--   the running year against the hour norm pro rata up to peildatum: "on track").
-- - onder_norm_sinds_jaar: the first year of the unbroken run of calendar years up to and
--   including this row's year in which that status was oranje or rood (below the norm). A year
--   with status groen, without status (no norm: before 2024, or a represented party) or
--   without a row ends the run; NULL when this year's status is groen or NULL.
--   jaren_onder_norm: the length of that run.
-- - the fixed contribution (003 Art. 7.1-7.2) of the year: invoiced, paid (betaaldatum on or
--   before peildatum) and open, counted as marts.bijdragen counts rows at peildatum. Its due
--   date is factuurdatum + the payment term (seed_normen betaaltermijn_dagen, default 30 days);
--   vaste_bijdrage_vervaldatum is the earliest due date of the year's unpaid invoices, and
--   vaste_bijdrage_dagen_te_laat = peildatum - that date when it has passed. Status: betaald
--   (invoiced and nothing open), te_laat (open and past due), open (open, not yet due, or an
--   invoice without factuurdatum so no due date), niet_gefactureerd (no invoice for the year).
-- - the substitute contribution owed for missing hours (int_afrekening: closed years on the
--   full norm, the running year on the norm up to peildatum), paid, and the balance.
-- - laatste_levering: the latest load that holds the party's hours of that year;
--   uren_tot_en_met: the last date of those hours (on or before peildatum);
--   leveringen_te_laat: the party's monthly hour deliveries of that year that are late at
--   peildatum (int_leveringen).
with deelnemers as (
    select * from {{ ref('int_deelnemers_per_jaar') }} where is_partij
),
indicatoren as (select * from {{ ref('int_indicatoren') }}),
bijdragen as (select * from {{ ref('int_bijdragen') }}),
afrekening as (select * from {{ ref('int_afrekening') }}),
normen as (select * from {{ ref('int_normen_per_jaar') }}),
inzet as (select * from {{ ref('stg_landing__inzet') }}),
ladingen as (select * from {{ ref('stg_landing__ladingen') }}),
leveringen as (select * from {{ ref('int_leveringen') }}),

vervulling as (
    select deelnemer_code, jaar, waarde, status
    from indicatoren
    where indicator_id = 'bijdrage_vervulling' and deelnemer_code is not null
),

-- gaps and islands: consecutive years below the norm share jaar - row_number()
reeksen as (
    select
        deelnemer_code,
        jaar,
        jaar - row_number() over (partition by deelnemer_code order by jaar) as reeks
    from vervulling
    where status in ('oranje', 'rood')
),

reeks_begin as (
    select
        deelnemer_code,
        reeks,
        min(jaar) as sinds_jaar
    from reeksen
    group by deelnemer_code, reeks
),

onder_norm as (
    select
        reeksen.deelnemer_code,
        reeksen.jaar,
        reeks_begin.sinds_jaar,
        reeksen.jaar - reeks_begin.sinds_jaar + 1 as jaren
    from reeksen
    inner join reeks_begin
        on reeks_begin.deelnemer_code = reeksen.deelnemer_code
        and reeks_begin.reeks = reeksen.reeks
),

termijn as (
    select jaar, maatstaf as dagen
    from normen
    where norm_sleutel = 'betaaltermijn_dagen'
),

vast as (
    select
        bijdragen.deelnemer_code,
        bijdragen.jaar,
        bijdragen.bedrag,
        bijdragen.betaald,
        bijdragen.factuurdatum,
        case
            when bijdragen.factuurdatum is not null
                then cast({{ dbt.dateadd('day', 'cast(termijn.dagen as integer)', 'bijdragen.factuurdatum') }} as date)
        end as vervaldatum
    from bijdragen
    inner join termijn on termijn.jaar = bijdragen.jaar
    where bijdragen.soort = 'vaste_bijdrage'
),

vast_per_jaar as (
    select
        deelnemer_code,
        jaar,
        count(*) as facturen,
        sum(bedrag) as gefactureerd,
        sum(case when betaald then bedrag else 0 end) as betaald,
        min(factuurdatum) as factuurdatum,
        min(case when not betaald then vervaldatum end) as vervaldatum
    from vast
    group by deelnemer_code, jaar
),

uren_levering as (
    select
        inzet.deelnemer_code,
        inzet.jaar,
        max(ladingen.geladen_op) as laatste_levering,
        max(inzet.datum) as uren_tot_en_met
    from inzet
    inner join ladingen on ladingen.lading_id = inzet.lading_id
    where inzet.datum <= {{ peildatum() }}
    group by inzet.deelnemer_code, inzet.jaar
),

te_laat as (
    select leverancier_code as deelnemer_code, jaar, count(*) as aantal
    from leveringen
    where soort = 'inzet' and status = 'te_laat'
    group by leverancier_code, jaar
),

samen as (
    select
        deelnemers.jaar,
        deelnemers.deelnemer_code,
        cast(vervulling.waarde as decimal(18, 2)) as vervulling_pct,
        vervulling.status as vervulling_status,
        cast(onder_norm.sinds_jaar as integer) as onder_norm_sinds_jaar,
        cast(onder_norm.jaren as integer) as jaren_onder_norm,
        cast(coalesce(vast_per_jaar.gefactureerd, 0) as decimal(14, 2))
            as vaste_bijdrage_gefactureerd,
        cast(coalesce(vast_per_jaar.betaald, 0) as decimal(14, 2)) as vaste_bijdrage_betaald,
        cast(coalesce(vast_per_jaar.gefactureerd, 0) - coalesce(vast_per_jaar.betaald, 0)
            as decimal(14, 2)) as vaste_bijdrage_open,
        vast_per_jaar.factuurdatum as vaste_bijdrage_factuurdatum,
        vast_per_jaar.vervaldatum as vaste_bijdrage_vervaldatum,
        coalesce(vast_per_jaar.facturen, 0) as vaste_facturen,
        afrekening.vervangende_bijdrage_verschuldigd,
        afrekening.vervangende_bijdrage_betaald,
        afrekening.saldo as vervangende_bijdrage_saldo,
        uren_levering.laatste_levering,
        uren_levering.uren_tot_en_met,
        cast(coalesce(te_laat.aantal, 0) as integer) as leveringen_te_laat
    from deelnemers
    left join vervulling
        on vervulling.deelnemer_code = deelnemers.deelnemer_code
        and vervulling.jaar = deelnemers.jaar
    left join onder_norm
        on onder_norm.deelnemer_code = deelnemers.deelnemer_code
        and onder_norm.jaar = deelnemers.jaar
    left join vast_per_jaar
        on vast_per_jaar.deelnemer_code = deelnemers.deelnemer_code
        and vast_per_jaar.jaar = deelnemers.jaar
    left join afrekening
        on afrekening.deelnemer_code = deelnemers.deelnemer_code
        and afrekening.jaar = deelnemers.jaar
    left join uren_levering
        on uren_levering.deelnemer_code = deelnemers.deelnemer_code
        and uren_levering.jaar = deelnemers.jaar
    left join te_laat
        on te_laat.deelnemer_code = deelnemers.deelnemer_code
        and te_laat.jaar = deelnemers.jaar
),

final as (
    select
        jaar,
        deelnemer_code,
        vervulling_pct,
        vervulling_status,
        onder_norm_sinds_jaar,
        jaren_onder_norm,
        vaste_bijdrage_gefactureerd,
        vaste_bijdrage_betaald,
        vaste_bijdrage_open,
        vaste_bijdrage_factuurdatum,
        vaste_bijdrage_vervaldatum,
        cast(case
            when vaste_bijdrage_open > 0 and vaste_bijdrage_vervaldatum < {{ peildatum() }}
                then {{ dbt.datediff('vaste_bijdrage_vervaldatum', peildatum(), 'day') }}
        end as integer) as vaste_bijdrage_dagen_te_laat,
        case
            when vaste_facturen = 0 then 'niet_gefactureerd'
            when vaste_bijdrage_open <= 0 then 'betaald'
            when vaste_bijdrage_vervaldatum < {{ peildatum() }} then 'te_laat'
            else 'open'
        end as vaste_bijdrage_status,
        vervangende_bijdrage_verschuldigd,
        vervangende_bijdrage_betaald,
        vervangende_bijdrage_saldo,
        laatste_levering,
        uren_tot_en_met,
        leveringen_te_laat
    from samen
)

select * from final
