#!/bin/sh
# Makes the workbooks in this folder and in ../bad with LibreOffice Calc, so
# the reader is tested on files a real spreadsheet program saved (shared
# strings, styles, real date cells, a formula with its cached value, a
# hidden sheet, the 1904 date system), not only on files excelize wrote.
#
# Run from anywhere: sh data/testdata/libreoffice/make.sh   (needs soffice)
# The .xlsx files are committed; tests do not run LibreOffice.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bad="$here/../bad"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work" # a private LibreOffice profile

# fods NAME NULLDATE writes a flat OpenDocument spreadsheet with the test
# dataset; NULLDATE 1904-01-01 makes LibreOffice save in the 1904 date system.
fods() {
	settings=""
	if [ "$2" != "1899-12-30" ]; then
		settings="<table:calculation-settings><table:null-date table:date-value=\"$2\"/></table:calculation-settings>"
	fi
	cat >"$work/$1.fods" <<FODS
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="N37"><number:day number:style="long"/><number:text>.</number:text><number:month number:style="long"/><number:text>.</number:text><number:year number:style="long"/></number:date-style>
 <number:percentage-style style:name="N11"><number:number number:decimal-places="0" number:min-integer-digits="1"/><number:text> %</number:text></number:percentage-style>
 <number:number-style style:name="N4"><number:number number:decimal-places="0" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
 <style:style style:name="date" style:family="table-cell" style:data-style-name="N37"/>
 <style:style style:name="pct" style:family="table-cell" style:data-style-name="N11"/>
 <style:style style:name="kr" style:family="table-cell" style:data-style-name="N4"/>
 <style:style style:name="head" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="shown" style:family="table"><style:table-properties table:display="true"/></style:style>
 <style:style style:name="hidden" style:family="table"><style:table-properties table:display="false"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>$settings
<table:table table:name="Familier" table:style-name="shown">
 <table:table-row><table:table-cell table:style-name="head" office:value-type="string"><text:p>FamilieID</text:p></table:table-cell><table:table-cell table:style-name="head" office:value-type="string"><text:p>Del</text:p></table:table-cell><table:table-cell table:style-name="head" office:value-type="string"><text:p>Innmeldt</text:p></table:table-cell><table:table-cell table:style-name="head" office:value-type="string"><text:p>Husholdning</text:p></table:table-cell><table:table-cell table:style-name="head" office:value-type="string"><text:p>Status</text:p></table:table-cell><table:table-cell table:style-name="head" office:value-type="string"><text:p>Statusdato</text:p></table:table-cell><table:table-cell table:style-name="head" office:value-type="string"><text:p>Flyttinger før</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell office:value-type="string"><text:p>F001</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell table:style-name="date" office:value-type="date" office:date-value="2016-03-01"><text:p>01.03.2016</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>enslig forsørger</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>bor i boligen</text:p></table:table-cell><table:table-cell/><table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell office:value-type="string"><text:p>F002</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>2</text:p></table:table-cell><table:table-cell table:style-name="date" office:value-type="date" office:date-value="2019-05-01"><text:p>01.05.2019</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>to foreldre</text:p></table:table-cell></table:table-row>
 <table:table-row table:number-rows-repeated="20"><table:table-cell table:style-name="date" table:number-columns-repeated="3"/></table:table-row>
</table:table>
<table:table table:name="Barn" table:style-name="shown">
 <table:table-row><table:table-cell table:style-name="head" office:value-type="string"><text:p>FamilieID</text:p></table:table-cell><table:table-cell table:style-name="head" office:value-type="string"><text:p>Fødselsår</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell office:value-type="string"><text:p>F001</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="2008"><text:p>2008</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell office:value-type="string"><text:p>F001</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>2012</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell office:value-type="string"><text:p>F002</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="2015"><text:p>2015</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="Kjøp" table:style-name="shown">
 <table:table-row><table:table-cell office:value-type="string"><text:p>FamilieID</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Kjøpsdato</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Kjøpesum</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Startlån</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Rom</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>BRA</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Månedlige boutgifter</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Husleie før</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell office:value-type="string"><text:p>F001</text:p></table:table-cell><table:table-cell table:style-name="date" office:value-type="date" office:date-value="2016-06-15"><text:p>15.06.2016</text:p></table:table-cell><table:table-cell table:style-name="kr" table:formula="of:=3000000+350000" office:value-type="float" office:value="3350000"><text:p>3 350 000</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>3 000 000</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="4"><text:p>4</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="89"><text:p>89</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>kr 12 500,-</text:p></table:table-cell><table:table-cell table:style-name="kr" office:value-type="float" office:value="14000"><text:p>14 000</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="SSB-leie" table:style-name="shown">
 <table:table-row><table:table-cell office:value-type="string"><text:p>År</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Rom</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Månedsleie</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Region</text:p></table:table-cell></table:table-row>
$(for r in "2016 15150" "2017 15600" "2018 16100" "2019 17300" "2020 18410" "2021 18900"; do set -- $r; echo "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"$1\"><text:p>$1</text:p></table:table-cell><table:table-cell office:value-type=\"float\" office:value=\"4\"><text:p>4</text:p></table:table-cell><table:table-cell office:value-type=\"float\" office:value=\"$2\"><text:p>$2</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>Oslo og Bærum</text:p></table:table-cell></table:table-row>"; done)
</table:table>
<table:table table:name="SSB-prisindeks" table:style-name="shown">
 <table:table-row><table:table-cell office:value-type="string"><text:p>År</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Indeks</text:p></table:table-cell></table:table-row>
$(for r in "2016 100" "2017 104.2" "2018 103.1" "2019 106" "2020 110.5" "2021 120"; do set -- $r; echo "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"$1\"><text:p>$1</text:p></table:table-cell><table:table-cell office:value-type=\"float\" office:value=\"$2\"><text:p>$2</text:p></table:table-cell></table:table-row>"; done)
</table:table>
<table:table table:name="Forutsetninger" table:style-name="shown">
 <table:table-row><table:table-cell office:value-type="string"><text:p>Parameter</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Verdi</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Kilde</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell office:value-type="string"><text:p>Evalueringsdato</text:p></table:table-cell><table:table-cell table:style-name="date" office:value-type="date" office:date-value="2021-09-30"><text:p>30.09.2021</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Evalueringen</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell office:value-type="string"><text:p>Andel barn som unngår utenforskap (basis)</text:p></table:table-cell><table:table-cell table:style-name="pct" office:value-type="percentage" office:value="0.05"><text:p>5 %</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Evalueringen 2021</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="Notater" table:style-name="hidden">
 <table:table-row><table:table-cell office:value-type="string"><text:p>Intern merknad, skjult ark</text:p></table:table-cell></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document>
FODS
}

convert() { # convert FILE FORMAT OUTDIR
	soffice --headless --norestore --convert-to "$2" --outdir "$3" "$1" >/dev/null
}

fods lagret-av-libreoffice 1899-12-30
fods lagret-av-libreoffice-1904 1904-01-01
convert "$work/lagret-av-libreoffice.fods" xlsx "$here"
convert "$work/lagret-av-libreoffice-1904.fods" xlsx "$here"

# Bad files: other formats saved under an .xlsx name.
mkdir -p "$bad"
convert "$work/lagret-av-libreoffice.fods" xls "$work"
convert "$work/lagret-av-libreoffice.fods" ods "$work"
cp "$work/lagret-av-libreoffice.xls" "$bad/xls-omdopt.xlsx"
cp "$work/lagret-av-libreoffice.ods" "$bad/ods-omdopt.xlsx"
printf 'FamilieID;Del\r\nF001;1\r\n' >"$bad/csv-omdopt.xlsx"
: >"$bad/tom.xlsx"
printf 'Dette er ikke en arbeidsbok.\000\001\002\003' >"$bad/ikke-zip.xlsx"
# A password-protected workbook is not made here: LibreOffice 7.4 cannot
# encrypt from the command line. The test encrypts one with excelize
# (ECMA-376 agile encryption, as Excel does).
rm -f "$bad/passord.xlsx"
