import json
S = {
 'eo14195': ['https://www.govinfo.gov/content/pkg/FR-2025-02-07/html/2025-02408.htm','https://nycscs.com/additional-duties-on-imports-from-china/'],
 'eo14228': ['https://www.thompsonhinesmartrade.com/2025/03/tariffs-against-china-and-hong-kong-increase-to-20-on-march-4-2025/','https://govinfo.gov/content/pkg/FR-2025-03-06/html/2025-03677.htm'],
 'eo14357': ['https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3fa83c4','https://www.strtrade.com/trade-news-resources/str-trade-report/trade-report/november/tariff-changes-for-imports-from-china-made-official'],
 'ieepa-end': ['https://www.internationaltradeinsights.com/?p=12982','https://tradefacts.io/blog/february-24-2026-cutoff-how-csms-67834313-changes-ieepa-tari.html'],
 'eo14257': ['https://www.internationaltradeinsights.com/2025/04/customs-issues-guidance-on-reporting-requirements-for-reciprocal-tariffs-and-new-section-232-faqs/'],
 'eo14259': ['https://www.thompsoncoburn.com/insights/90-day-pause-on-enhanced-reciprocal-tariffs-except-for-china','https://jdsupra.com/legalnews/trump-reduces-global-reciprocal-tariffs-9315568'],
 'eo14266': ['https://govinfo.gov/content/pkg/FR-2025-04-15/html/2025-06462.htm','https://cscb.ca/en/article/csms-64701128-updated-guidance-reciprocal-tariffs-increase-rate-china-and-reversion-other'],
 'eo14298': ['https://www.govinfo.gov/content/pkg/FR-2025-05-21/html/2025-09297.htm','https://www.iffusa.com/post/guidance-on-china-s-reciprocal-10-tariff-for-90-days'],
 'eo14334': ['https://www.mondaq.com/unitedstates/international-trade-investment/1670040/executive-order-extends-pause-on-china-ieepa-reciprocal-tariffs-until-nov-10-2025'],
 'eo-nov25': ['https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3fa83c4','https://www.strtrade.com/trade-news-resources/str-trade-report/trade-report/november/tariff-changes-for-imports-from-china-made-official'],
 'electronics': ['https://www.troutman.com/insights/white-house-releases-list-of-products-excluded-from-reciprocal-tariffs/','https://www.ey.com/en_gl/technical/tax-alerts/us-exempts-certain-electronic-products-from-tariffs-under-president-trumps-reciprocal-tariff-policy'],
 's122': ['https://blog.tradewin.net/cbp-issues-csms-guidance-on-temporary-section-122-tariffs','https://www.junologistics.com/customs-updates/temporary-10-import-surcharge-imposed-under-section-122','https://globalimportblog.bakermckenzie.com/2026/05/08/us-cit-invalidates-section-122-tariffs/'],
 's122-electronics': ['https://www.emarketer.com/content/post-supreme-court-tariff-uncertainty-retail-outlook','https://worldtradescanner.com/Temporary%20Import%20Surcharge%20Under%20Section%20122%20of%20Trade%20Act.htm'],
 's301-lists': ['https://htshub.com/us-hs/chapter/99-101','https://ilogixchb.com/section301'],
 's301-list3': ['https://htshub.com/us-hs/chapter/99-101','https://ilogixchb.com/section301','https://fdocuments.in/document/us-301-list-3-final-version-released-9172018-25-us-301-list-3-final.html'],
 's301-4a': ['https://ilogixchb.com/section301','https://www.m-pactsolutions.com/updated-information-on-section-301-trade-remedies-to-be-assessed-on-certain-products-of-china/'],
 's301-4yr': ['https://www.thompsonhinesmartrade.com/2024/09/ustr-finalizes-action-on-china-section-301-tariffs-following-four-year-review/','https://zh.wenxuecity.com/bbs/currentevent/3533175.html','https://content.govdelivery.com/bulletins/gd/USDHSCBP-3b85471'],
 's232-autos': ['https://www.govinfo.gov/content/pkg/FR-2025-04-03/html/2025-05930.htm','https://omnitrans.com/news/section-232-tariffs-on-automobiles-and-parts-annex-lists-of-affected-hts-codes-released'],
 's232-wood': ['https://www.nnrglobal.com/insight/furniture-wood-face-new-section-232-tariffs','https://www.greenworldwide.com/section-232-wood-products-tariffs-remain-unchanged-through-2026'],
 'mpf25': ['https://imsw.com/cbp-adjusting-merchandise-processing-fee-limitations-in-fiscal-year-2025-due-to-inflation'],
 'mpf26': ['https://www.govinfo.gov/content/pkg/FR-2025-07-23/html/2025-13869.htm','https://www.buckland.com/news/cbp-announces-adjusted-customs-user-fees-for-fy-2026'],
 'hmf': ['https://www.law.cornell.edu/cfr/text/19/24.24','https://www.freightos.com/portfolio-items/harbor-maintenance-fees-hmf/'],
 'us-value': ['http://en.m.wikisource.org/wiki/Page:United_States_Statutes_at_Large_Volume_93.djvu/228','https://checkoutapi.com/rulings/docview?doc_id=HQ+546111'],
 'cn-value': ['https://wodefinance.com/Futuresplatform/ddaegwtujz.html','https://www.dutycalculator.com/country-guides/Import-duty-taxes-when-importing-into-China/'],
 'cn-vat': ['https://info.expeditors.com/newsflash/china-announces-vat-reform-measures','https://wts.com/global/publishing-article/20190524-china-vat-nl~publishing-article'],
 'cn-feb': ['https://www.shine.cn/news/nation/2502046503/','https://www.dw.com/en/trumps-tariffs-china-strikes-back-with-levies-of-up-to-15/live-71494205'],
 'cn-mar': ['http://en.people.cn/n3/2025/0304/c90000-20284298.html','https://food.chemlinked.com/news/food-news/china-hits-back-with-10-15-tariffs-on-key-us-agricultural-exports-amid-trade-war-tensions'],
 'cn-nov': ['https://www.aokestamping.com/news-show-986.html','https://report.az/en/other-countries/china-confirms-suspension-of-24-tariff-on-us-goods-retains-10-levy'],
 'cn-84': ['http://en.people.cn/n3/2025/0406/c90000-20298372.html','https://www.shine.cn/biz/economy/2504093173/'],
 'cn-125': ['https://www.steelorbis.com/steel-news/latest-news/china-raises-tariffs-on-us-goods-to-125-percent-1387252.htm'],
 'cn-10': ['https://www.mondaq.com/unitedstates/export-controls-trade-investment-sanctions/1624824/','https://report.az/en/other-countries/china-confirms-suspension-of-24-tariff-on-us-goods-retains-10-levy'],
 'mondaq-145': ['https://www.mondaq.com/unitedstates/export-controls-trade-investment-sanctions/1624824/'],
}
# line sources
L = {
 'toys': ['https://htshub.com/us-hs/detail/95030000'],
 'laptops': ['https://hts-pseo.pages.dev/code/8471300100','https://tariff-check.com/tariff/8471.30.01.00'],
 'phones': ['https://www.fiowind.com/CN/US/smartphone'],
 'tshirt': ['https://portoria.app/hts/6109100004','https://hsfinder.io/hs-code-for-t-shirts'],
 'solar': ['https://dutydesk.app/us/8541.43.00','https://wiley.law/alert-Administration-Releases-Details-on-Planned-Increases-to-Section-301-Duties-on-Imports-from-China'],
 'ev': ['https://www.htshub.com/us-hs/search/8703.80','https://duty-stack.foomworks.workers.dev/tariff/8703.80.00'],
 'liion': ['https://vatcheck.io/hts/8507.60.00','https://tariffschart.com/hs/8507-60-00'],
 'sofa': ['https://duty-stack.foomworks.workers.dev/tariff/94016160'],
 'soy': ['https://www.aokestamping.com/news-show-986.html','https://report.az/en/other-countries/china-confirms-suspension-of-24-tariff-on-us-goods-retains-10-levy'],
}

# ======================================================================================
# Issue 5 additions: sources, HTS additions to existing measures, new measures and lines.
# Every rate below is taken from the cited page(s); see /work/shared/reference/us-china-tariffs.md.
# ======================================================================================
S.update({
 's301-list2': ['https://thefederalregister.org/83-FR/40823','https://www.omnitrans.com/ustr-releases-second-list-of-hts-subject-to-25/','https://htshub.com/us-hs/chapter/99-101'],
 's301-4yr-masks-gloves': ['https://zh.wenxuecity.com/bbs/currentevent/3533175.html','https://www.thompsonhinesmartrade.com/2024/09/ustr-finalizes-action-on-china-section-301-tariffs-following-four-year-review/','https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3ca1cf1','https://tariffs.tandom.ai/hts-catalog/4015.12.10.10/medical-gloves-mittens-and-mitts'],
 's232-steel-25': ['https://greatlakescustomslaw.com/blog/page/2/','https://willsonintl.com/archives/news/updated-guidance-regarding-imports-of-steel-and-aluminum-derivative-articles','https://govinfo.gov/content/pkg/FR-2025-02-18/html/2025-02832.htm'],
 's232-metals-50': ['https://www.whitecase.com/insight-alert/trump-administration-increases-steel-and-aluminum-section-232-tariffs-50-and-narrows','https://www.thompsonhinesmartrade.com/2025/06/section-232-aluminum-and-steel-tariffs-increased-to-50-except-for-uk-significant-changes-made-to-calculating-and-stacking-of-tariffs/','https://www.whitehouse.gov/presidential-actions/2025/06/adjusting-imports-of-aluminum-and-steel-into-the-united-states'],
 's232-derivatives-aug25': ['https://www.govinfo.gov/content/pkg/FR-2025-08-19/html/2025-15819.htm','https://www.omnitrans.com/fr/news/le-departement-du-commerce-des-etats-unis-ajoute-407-categories-de-produits-aux-droits-de-douane-touchant-lacier-et-laluminium'],
 's232-metals-2026': ['https://www.ashurstperkinscoie.com/en/insights/restructured-and-additional-section-232-tariffs-on-aluminum-steel-and-copper/','https://tradefacts.io/blog/section-232s-five-annex-structure-requires-rate-logic-for-0.html'],
 's232-metals-jun26': ['https://www.peacocktariffconsulting.com/trump-tweaks-copper-tariff-rules-ahead-of-refined-metal-reviewa-strategic-briefing-on-the-june-1-2026-section-232-proclamation-for-aluminum-steel-and-copper','https://manufacturer-list.com/blog/section-232-june-8-overhaul-metal-buyers/'],
 's232-auto-parts': ['https://www.universallogistics.ca/trade-alerts/usa-canada-trade-war-us-tariff-on-auto-parts-effective-tomorrow-may-2-2025','https://www.aacb.com/trade-tariff-news/automobile-parts','https://buckland.com/news/harmonized-system-update-hsu-import-duties-on-auto-parts/','https://www.thompsonhinesmartrade.com/2025/04/annex-identifying-scope-of-automobile-and-automobile-parts-subject-to-section-232-tariffs-is-released/'],
 'de-minimis-cn': ['https://www.metrocb.com/news/cbp-issues-federal-register-notice-on-de-minimis-eligibility-for-china-and-hong-kong','https://govinfo.gov/content/pkg/FR-2025-04-07/html/2025-06027.htm','https://www.thompsonhinesmartrade.com/2025/04/trump-signs-eo-prohibiting-duty-free-de-minimis-treatment-for-goods-from-china/'],
 'de-minimis-all': ['https://www.govinfo.gov/content/pkg/FR-2025-08-05/html/2025-14897.htm','https://www.mallorygroup.com/executive-order-suspending-duty-free-de-minimis-treatment/','https://myblacktree.com/blogs/latest-blog/us-suspends-duty-free-de-minimis-treatment-for-all-countries-summary-effective-august-29-2025'],
 'cn-coal-2024': ['https://thecoaltrader.com/?p=6710','https://news.metal.com/newscontent/102560569/smm-policy-analysis-reinstated-coal-import-tariffs-will-impact-coking-coal-more-than-thermal-coal'],
 'fx-cfets-20250224': ['https://www.urdupoint.com/en/business/chinese-yuan-weakens-to-71717-against-usd-mo-1931265.html'],
 'fx-cfets-20250828': ['https://menafn.com/1109986282/Chinas-Yuan-Gains-Ground-Against-US-Dollar'],
})
L.update({
 'cpu': ['https://treayo.com/en/hs/us/8471.50.01','https://htshub.com/us-hs/search/8471.41'],
 'desktop': ['https://portoria.app/hts/8471410150','https://htshub.com/us-hs/search/8471.41'],
 'hdd': ['https://portoria.app/hts/8471704065'],
 'monitor': ['https://portoria.app/hts/8528520000'],
 'chips': ['http://www.hsciq.com/HSUS/Search?keywords=8542','https://portoria.app/hts/8542310025'],
 'headphones': ['https://portoria.app/hts/8518302000','https://www.fiowind.com/CN/US/headphones'],
 'ssd': ['https://www.customsmobile.com/rulings/docview?doc_id=N264697','https://www.tarifflens.ai/rulings/N264697'],
 'microwave': ['https://portoria.app/hts/8516500030'],
 'hairdryer': ['https://custom-tariffs-seo.pages.dev/en/codes/8516-31-electrothermic-hairdressing-or-hand-drying-apparatus','https://checkoutapi.com/rulings/docview?doc_id=NY+f85413&highlight=NY+f85413'],
 'mixer': ['https://www.htshub.com/us-hs/search/8509.40.00','https://vatcheck.io/hts/8509.40.00'],
 'appliance-other': ['https://htshub.com/us-hs/search/8509'],
 'drill': ['https://custom-tariffs-seo.pages.dev/en/codes/8467-21-with-self-contained-electric-motor','https://www.customsmobile.com/rulings/docview?doc_id=NY+I81262&highlight=8467.21.0010%2A'],
 'waterheater': ['https://portoria.app/hts/8516100080','https://custom-tariffs-seo.pages.dev/en/codes/8516-10-electric-instantaneous-or-storage-water-heaters-and-immersion-heaters'],
 'fridge': ['https://portoria.app/hts/8418100010'],
 'washer': ['https://www.htshub.com/us-hs/search/8450','https://custom-tariffs-seo.pages.dev/en/codes/8450-11-machines-each-of-a-dry-linen-capacity-not-exceeding-10-kg'],
 'dryer': ['https://htshub.com/us-hs/chapter/84-59'],
 'bedroom': ['https://etoolsage.com/Query/USHTS.asp?HTS=9&action=ScollUp&pageNo=118','https://portoria.app/hts/9403509080'],
 'mattress': ['https://htshub.com/us-hs/search/9404','https://custom-tariffs-seo.pages.dev/en/codes/9404-21-mattresses'],
 'pillow': ['https://htshub.com/us-hs/chapter/94-13'],
 'sleeping-bags': ['https://htshub.com/us-hs/chapter/94-13'],
 'playing-cards': ['https://htshub.com/us-hs/head/9504','https://htshub.com/us-hs/search/9504'],
 'shoes-disposable': ['https://htshub.com/us-hs/chapter/64-24'],
 'console': ['https://portoria.app/hts/9504500000','https://htshub.com/us-hs/head/9504'],
 'games-95': ['https://htshub.com/us-hs/chapter/95-2'],
 'festive': ['https://portoria.app/hts/9505906000'],
 'trousers-knit': ['https://portoria.app/hts/6104622011'],
 'towels': ['https://vatcheck.io/hts/6302.60.00','https://www.etoolsage.com/query/USHTSC.asp?HTS=%5BArvind&action=ScollUp&pageNo=165'],
 'shoes-6404-19-90': ['https://htshub.com/us-hs/head/6404-8','https://www.etoolsage.com/Query/USHTSC.asp?HTS=%5BDKB%5D&action=ScollUp&pageNo=358'],
 'shoes-6404-11-90': ['https://hsciq.com/HSUS/Search/3?keywords=6404'],
 'shoes-6404-19-15': ['https://htshub.com/us-hs/head/640419'],
 'bags': ['https://www.unisco.com/hts/42029231','https://www.etoolsage.com/Query/USHTS.asp?HTS=4202.9&pageNo=1'],
 'plastic-kitchen': ['https://www.htshub.com/us-hs/search/3924','https://etoolsage.com/Query/USHTSC.asp?HTS=3924.10.&pageNo=1'],
 'plastic-household': ['https://www.htshub.com/us-hs/search/3924'],
 'bolts': ['https://tariffs.tandom.ai/hts-catalog/7318.15.20/bolts-and-bolts-and-their-nuts-or-washers-entered-or-exported-in-the-same','https://etoolsage.com/Query/USHTSC.asp?HTS=th&action=ScollDown&pageNo=422'],
 'screws': ['https://etoolsage.com/Query/USHTSC.asp?HTS=th&action=ScollDown&pageNo=422'],
 'steel-kitchen': ['https://www.unisco.com/hts/73239300'],
 'steel-wool': ['https://etoolsage.com/Query/USHTSC.asp?HTS=scourer&action=ScollUp&pageNo=1'],
 'pipes': ['https://www.unisco.com/hts/73063050'],
 'alu-profiles': ['https://etoolsage.com/Query/USHTS.asp?HTS=7&action=ScollUp&pageNo=147','https://www.customsmobile.com/rulings/docview?doc_id=NY+N171297&highlight=NY+N171297'],
 'cars-8703-2x': ['https://htshub.com/us-hs/head/8703-1','https://htshub.com/us-hs/head/8703-2'],
 'gearbox': ['https://etoolsage.com/Query/USHTS.asp?HTS=vehicles&action=ScollDown&pageNo=4','https://etoolsage.com/Query/USHTS.asp?HTS=D&action=ScollUp&pageNo=435'],
 'body-parts': ['https://etoolsage.com/Query/USHTS.asp?HTS=oth&action=ScollUp&pageNo=382'],
 'brakes': ['https://etoolsage.com/Query/USHTS.asp?HTS=oth&action=ScollUp&pageNo=382','https://etoolsage.com/Query/USHTS.asp?HTS=vehicles&action=ScollDown&pageNo=4'],
 'tires': ['https://duty-stack.foomworks.workers.dev/tariff/40111010','https://etoolsage.com/query/USHTSC.asp?HTS=l&action=ScollUp&pageNo=174'],
 'pv-cells': ['https://portoria.app/hts/8541420010','https://portoria.app/hts/85414200'],
 'syringes': ['https://portoria.app/hts/9018310090','https://custom-tariffs-seo.pages.dev/en/codes/9018-31-syringes-needles-catheters-cannulae-and-the-like'],
 'needles': ['https://custom-tariffs-seo.pages.dev/en/codes/9018-32-tubular-metal-needles-and-needles-for-sutures','http://faqs.org/rulings/rulings2006NYM86519.html'],
 'gloves': ['https://duty-stack.foomworks.workers.dev/tariff/40151210','https://portoria.app/hts/4015121010'],
 'masks': ['https://lgi.laufer.com/insights/chb-update-07-02-20/','https://aviation-suppliers.org/2020/11/24/imported-face-masks-change-their-tariff-code/','https://www.cmtradelaw.com/2020/04/customs-ruling-of-the-week-classification-of-disposable-nonwoven-face-masks/'],
 # China
 'cn-wheat': ['https://china-gacc.agency/China_HS_code/China_HS_Search.asp?page=55&word=l','https://www.htshub.com/cn-hs/detail/1001190090'],
 'cn-durum': ['https://htshub.com/cn-hs/detail/1001190001','https://www.htshub.com/cn-hs/detail/1001190090'],
 'cn-cotton': ['https://htshub.com/cn-hs/detail/5201000001','https://www.chinesetariff.com/list/52010000'],
 'cn-pork-frozen': ['https://cifer.gacc.agency/China_HS_code/China_HS_Search.asp?page=15&word=i'],
 'cn-pork-frozen-other': ['https://www.china-gacc.agency/China_HS_code/China_HS_Search.asp?word=z'],
 'cn-pork-fresh': ['https://www.china-gacc.agency/China_HS_code/China_HS_Search.asp?page=24&word=t'],
 'cn-beef': ['https://registry.china-gacc.agency/China_HS_code/China_HS_Search.asp?page=27&word=0'],
 'cn-chicken': ['https://htshub.com/cn-hs/detail/0207131100'],
 'cn-coal': ['https://thecoaltrader.com/?p=6710','https://news.metal.com/newscontent/102560569/smm-policy-analysis-reinstated-coal-import-tariffs-will-impact-coking-coal-more-than-thermal-coal'],
 'cn-crude': ['https://www.htshub.com/cn-hs/detail/2709000000'],
 'cn-cars': ['https://china-gacc.agency/China_HS_CIQ_code/Head_search.asp?page=1&word=8703','https://htshub.com/cn-hs/compare-htscode/8703606100-8703606200'],
 'cn-chips': ['https://chinesetariff.com/list/854231'],
 'cn-medical': ['https://china-gacc.agency/China_HS_CIQ_code/Head_search.asp?page=-1&word=9018'],
 'cn-laptops': ['https://www.china-gacc.agency/China_HS_code/China_HS_Search.asp?page=39&word=t'],
})

# HTS codes added to existing measures (list membership cross-checked against the Yale Budget Lab
# peer lists in /work/shared/reference/data/yale-tariff-rate-tracker; cited sources are the measures' own).
ADD_L1 = ['8471.70.40','8703.22.01','8703.23.01','8703.24.01']
ADD_L3 = ['8471.50.01','8418.10.00','8451.21.00','9403.50.90','9404.21.00','4202.92.31','7318.14.10','7318.15.20',
          '7323.10.00','8708.30.50','8708.40.11','4011.10.10','9404.29.10']
ADD_L4A = ['8471.41.01','8523.51.00','8516.10.00','8450.11.00','9404.90.10','6104.62.20','6302.60.00','6404.11.90',
           '6404.19.15','6404.19.90','3924.90.56','4015.12.10','6307.90.98','6405.90.20']
ADD_L4B = ['8528.52.00','8518.30.20','8516.50.00','8516.31.00','8509.40.00','8509.80.50','8467.21.00','9504.50.00',
           '9504.90.60','9505.10.25','9505.90.60','3924.10.40','7323.93.00','8708.29.50','9404.30.80','9504.40.00']
ADD_AUTOS = ['8703.22.01','8703.23.01','8703.24.01']
# Section 122 Annex II "certain electronics": the same electronics lines as the April 2025 IEEPA list
ADD_S122_ELEC = ['8471.41.01','8471.50.01','8471.70.40','8528.52.00','8523.51.00','8542.31.00','8542.32.00']
# 9% import VAT: grains, raw cotton, meat (agricultural products)
ADD_VAT9 = ['1001','1005','1007','5201','0201','0202','0203','0207']
# SCTC Announcement No. 2 of 2025, Annex 2 (10%): sorghum, pork, beef
ADD_AG10 = ['1007','0201','0202','0203']

AUTO_232 = ['us-s232-autos','us-s232-auto-parts']
STEEL_232 = ['7306.30.50','7318.14.10','7318.15.20','7323.10.00','7323.93.00']
ALU_232 = ['7604.29.10']
ALU_DERIV_AUG25 = ['8418.10.00','8450.11.00','8451.21.00']


def av(p, **kw):
    r={'adValorem':p}; r.update(kw); return r

measures=[]
def M(**kw):
    kw.setdefault('kind','duty')
    measures.append(kw)

CN_HK=['CN','HK']; CN_HK_MO=['CN','HK','MO']
# ---------------- US fees
MPF_OLD = [
  ('fy2018','2018-01-01','2018-10-01','25.67','497.99','CBP notice of 1 Nov 2017 (FY2018 MPF limits, effective 1 Jan 2018)',['https://www.valexander.com/2017/11/13/merchandise-processing-fee-minimum-and-maximum-increases-set-by-cbp/','https://www.bdginternational.com/cbp-user-fees-2/']),
  ('fy2019','2018-10-01','2019-10-01','26.22','508.70','CBP notice (FY2019 MPF limits)',['https://customsnow.com/fy2020-cbp-increases-mpf-min-and-max-amount/']),
  ('fy2020','2019-10-01','2020-10-01','26.79','519.76','CBP notice (FY2020 MPF limits)',['https://customsnow.com/fy2020-cbp-increases-mpf-min-and-max-amount/']),
  ('fy2024','2023-10-01','2024-10-01','31.67','614.35','CBP Dec. 23-08 (FY2024 MPF limits)',['https://imsw.com/cbp-adjusting-merchandise-processing-fee-limitations-in-fiscal-year-2025-due-to-inflation','https://nnrglobal.com/insight/merchandise-processing-fee-increases-on-oct-1-2024','https://www.kwe.com/updates/advisory/ca08102023.html']),
]
for (fy, start, end, lo, hi, instr, src) in MPF_OLD:
    M(id=f'us-mpf-{fy}',kind='fee',authority='mpf',title=f'Merchandise Processing Fee (formal entry), {fy.upper()}',importer='US',origins=['*'],hts=['*'],exceptModes=['postal'],
      **{'from':start,'to':end},rate=av('0.3464%',min=lo,max=hi),ref='19 U.S.C. 58c; 19 CFR 24.23',instrument=instr,sources=src,
      note='Formal entries (class 499); the minimum and maximum apply per entry. FY2021-FY2023 limits are not in this schedule: MPF is not computed for entries from 2020-10-01 to 2023-09-30.')
M(id='us-mpf-fy2025',kind='fee',authority='mpf',title='Merchandise Processing Fee (formal entry), FY2025',importer='US',origins=['*'],hts=['*'],exceptModes=['postal'],
  **{'from':'2024-10-01','to':'2025-10-01'},rate=av('0.3464%',min='32.71',max='634.62'),ref='19 U.S.C. 58c; 19 CFR 24.23',
  instrument='CBP notice FR Doc 2024-15990 (FY2025 MPF limits)',sources=S['mpf25'],note='Formal entries (class 499); the minimum and maximum apply per entry.')
M(id='us-mpf-fy2026',kind='fee',authority='mpf',title='Merchandise Processing Fee (formal entry), FY2026',importer='US',origins=['*'],hts=['*'],exceptModes=['postal'],
  **{'from':'2025-10-01','to':'2026-10-01'},rate=av('0.3464%',min='33.58',max='651.50'),ref='19 U.S.C. 58c; 19 CFR 24.23',
  instrument='CBP Dec. 25-10, 90 FR 34665 (FY2026 MPF limits)',sources=S['mpf26'],note='FY2027 limits (from 2026-10-01) were not found in the sources: MPF is not computed for later entries.')
M(id='us-hmf',kind='fee',authority='hmf',title='Harbor Maintenance Fee',importer='US',origins=['*'],hts=['*'],modes=['ocean'],
  **{'from':'2018-01-01'},rate=av('0.125%'),ref='19 CFR 24.24',instrument='Water Resources Development Act of 1986; 19 CFR 24.24(a)',sources=S['hmf'],
  note='In force long before 2018; the schedule starts its coverage on 2018-01-01.')
# ---------------- Section 301
M(id='us-s301-list1',authority='s301',title='Section 301 List 1',importer='US',origins=['CN'],hts=['8703.80']+ADD_L1,**{'from':'2018-07-06'},
  rate=av('25%'),ref='9903.88.01',instrument='USTR Section 301 action, List 1 ($34B)',sources=S['s301-lists']+['https://www.htshub.com/us-hs/search/8703.80'])
M(id='us-s301-list3',authority='s301',title='Section 301 List 3',importer='US',origins=['CN'],hts=['9401.61.60']+ADD_L3,**{'from':'2019-05-10'},
  rate=av('25%'),ref='9903.88.03',instrument='USTR Section 301 action, List 3 ($200B), 25% from 10 May 2019',sources=S['s301-list3'])
M(id='us-s301-list3-10',authority='s301',title='Section 301 List 3 (first stage, 10%)',importer='US',origins=['CN'],hts=['9401.61.60']+ADD_L3,**{'from':'2018-09-24','to':'2019-05-10'},
  rate=av('10%'),ref='9903.88.03',instrument='USTR Section 301 action, List 3 ($200B), 10% from 24 Sep 2018',sources=S['s301-list3'])
M(id='us-s301-list4a',authority='s301',title='Section 301 List 4A',importer='US',origins=['CN'],hts=['6109.10.00','8507.60.00']+ADD_L4A,**{'from':'2020-02-14'},
  rate=av('7.5%'),ref='9903.88.15',instrument='USTR Section 301 action, List 4A ($120B), cut to 7.5% under the Phase One agreement',sources=S['s301-4a'])
M(id='us-s301-list4a-15',authority='s301',title='Section 301 List 4A (first stage, 15%)',importer='US',origins=['CN'],hts=['6109.10.00','8507.60.00']+ADD_L4A,**{'from':'2019-09-01','to':'2020-02-14'},
  rate=av('15%'),ref='9903.88.15',instrument='USTR Section 301 action, List 4A at 15%',sources=S['s301-4a'])
M(id='us-s301-list4b',authority='s301',title='Section 301 List 4B',importer='US',origins=['CN'],hts=['9503.00.00','8471.30.01','8517.13.00']+ADD_L4B,**{'from':'2019-12-15'},
  rate=av('15%'),ref='9903.88.16',instrument='USTR Section 301 action, List 4B',sources=S['s301-lists'],
  suspended={'since':'2019-12-15','note':'List 4B was suspended before it took effect and never collected'})
M(id='us-s301-4yr-ev',authority='s301',title='Section 301 Four-Year Review: electric vehicles (100%)',importer='US',origins=['CN'],hts=['8703.80'],**{'from':'2024-09-27'},
  rate=av('100%'),replaces=['us-s301-list1'],ref='9903.91.03',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217); CSMS 62411889',sources=S['s301-4yr'])
M(id='us-s301-4yr-solar',authority='s301',title='Section 301 Four-Year Review: solar cells, whether or not in modules (50%)',importer='US',origins=['CN'],hts=['8541.42.00','8541.43.00'],**{'from':'2024-09-27'},
  rate=av('50%'),ref='9903.91.02',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217); CSMS 62411889',sources=S['s301-4yr'])
M(id='us-s301-4yr-ev-battery',authority='s301',title='Section 301 Four-Year Review: lithium-ion EV batteries (25%)',importer='US',origins=['CN'],hts=['8507.60.0010'],**{'from':'2024-09-27'},
  rate=av('25%'),replaces=['us-s301-list4a'],ref='9903.91.01',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217); CSMS 62411889',sources=S['s301-4yr'])
M(id='us-s301-4yr-nonev-battery',authority='s301',title='Section 301 Four-Year Review: lithium-ion non-EV batteries (25%)',importer='US',origins=['CN'],hts=['8507.60.0020'],**{'from':'2026-01-01'},
  rate=av('25%'),replaces=['us-s301-list4a'],ref='9903.91.06',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217); CSMS 62411889',sources=S['s301-4yr']+['https://internationaltradetoday.com/article/2024/05/22/first-section-301-tariff-hike-scheduled-for-aug-1-solar-equipment-tariffs-lifted-may-28-2405220072?BC=bc_6741c4cb05940'])
# ---------------- Section 232
M(id='us-s232-autos',authority='s232',title='Section 232 passenger vehicles and light trucks',importer='US',origins=['*'],hts=['8703.80']+ADD_AUTOS,**{'from':'2025-04-03'},
  rate=av('25%'),ref='9903.94.01',instrument='Proclamation 10908 (26 Mar 2025; 90 FR 14705)',sources=S['s232-autos'],
  note='USMCA non-US content (9903.94.03) is not modelled.')
M(id='us-s232-upholstered',authority='s232',title='Section 232 upholstered wooden furniture',importer='US',origins=['*'],hts=['9401.61.60'],**{'from':'2025-10-14'},
  rate=av('25%'),ref='9903.76.02',instrument='Proclamation 10976 (29 Sep 2025), as amended 31 Dec 2025 (30% deferred to 2027-01-01)',sources=S['s232-wood'],
  note='Reduced rates for EU/Japan/UK (9903.76.20-.22) are not modelled.')
# ---------------- IEEPA fentanyl
fent=['us-ieepa-fent-10','us-ieepa-fent-20','us-ieepa-fent-10b']
M(id='us-ieepa-fent-10',authority='ieepa-fentanyl',title='IEEPA synthetic-opioid (fentanyl) tariff, 10%',importer='US',origins=CN_HK,hts=['*'],**{'from':'2025-02-04','to':'2025-03-04'},
  rate=av('10%'),ref='9903.01.20',instrument='EO 14195 (1 Feb 2025; 90 FR 9121)',sources=S['eo14195'])
M(id='us-ieepa-fent-20',authority='ieepa-fentanyl',title='IEEPA synthetic-opioid (fentanyl) tariff, 20%',importer='US',origins=CN_HK,hts=['*'],**{'from':'2025-03-04','to':'2025-11-10'},
  rate=av('20%'),ref='9903.01.24',instrument='EO 14228 (3 Mar 2025; 90 FR 11463); CSMS 64299816',sources=S['eo14228'])
M(id='us-ieepa-fent-10b',authority='ieepa-fentanyl',title='IEEPA synthetic-opioid (fentanyl) tariff, cut to 10%',importer='US',origins=CN_HK,hts=['*'],**{'from':'2025-11-10','to':'2026-02-24'},
  rate=av('10%'),ref='9903.01.24',instrument='EO 14357 (4 Nov 2025); CSMS 66749380; collection ended for entries from 24 Feb 2026 (CSMS 67834313)',sources=S['eo14357']+S['ieepa-end'])
# ---------------- IEEPA reciprocal
recip=['us-ieepa-recip-10','us-ieepa-recip-84','us-ieepa-recip-125','us-ieepa-recip-10-geneva','us-ieepa-recip-10-aug','us-ieepa-recip-10-nov']
common=dict(authority='ieepa-reciprocal',importer='US',origins=CN_HK_MO,hts=['*'],notWith=['s232'])
M(id='us-ieepa-recip-10',title='IEEPA reciprocal tariff, baseline 10%',**common,**{'from':'2025-04-05','to':'2025-04-09'},rate=av('10%'),ref='9903.01.25',instrument='EO 14257 (2 Apr 2025; 90 FR 15041); CSMS 64649265',sources=S['eo14257'])
M(id='us-ieepa-recip-84',title='IEEPA reciprocal tariff on China, 84%',**common,**{'from':'2025-04-09','to':'2025-04-10'},rate=av('84%'),ref='9903.01.63',instrument='EO 14257 as amended by EO 14259 (8 Apr 2025)',sources=S['eo14259'])
M(id='us-ieepa-recip-125',title='IEEPA reciprocal tariff on China, 125%',**common,**{'from':'2025-04-10','to':'2025-05-14'},rate=av('125%'),ref='9903.01.63',instrument='EO 14266 (9 Apr 2025; 90 FR 15625); CSMS 64701128',sources=S['eo14266'])
M(id='us-ieepa-recip-10-geneva',title='IEEPA reciprocal tariff on China, 10% (Geneva: 24 points suspended)',**common,**{'from':'2025-05-14','to':'2025-08-12'},rate=av('10%'),ref='9903.01.25',instrument='EO 14298 (12 May 2025; 90 FR 21831)',sources=S['eo14298'])
M(id='us-ieepa-recip-10-aug',title='IEEPA reciprocal tariff on China, 10% (suspension extended)',**common,**{'from':'2025-08-12','to':'2025-11-10'},rate=av('10%'),ref='9903.01.25',instrument='EO 14334 (11 Aug 2025)',sources=S['eo14334'])
M(id='us-ieepa-recip-10-nov',title='IEEPA reciprocal tariff on China, 10% (suspension extended to Nov 2026)',**common,**{'from':'2025-11-10','to':'2026-02-24'},rate=av('10%'),ref='9903.01.25',instrument='EO of 4 Nov 2025 (US–PRC arrangement); CSMS 66749380; collection ended for entries from 24 Feb 2026 (CSMS 67834313)',sources=S['eo-nov25']+S['ieepa-end'])
M(id='us-ieepa-recip-suspended-24',title='IEEPA reciprocal tariff on China: the suspended 24 points (34% snap-back rate)',authority='ieepa-reciprocal',importer='US',origins=CN_HK_MO,hts=['*'],**{'from':'2025-05-14','to':'2026-02-24'},
  rate=av('24%'),ref='9903.01.63',instrument='EO 14298 (suspension of the increment above 10%), extended by EO 14334 and the EO of 4 Nov 2025',sources=S['eo14298']+S['mondaq-145'],
  suspended={'since':'2025-05-14','note':'9903.01.63 reverts to 34% but is suspended; 10% is collected under 9903.01.25'},notWith=['s232'])
ELEC=['8471','8473.30','8486','8517.13.00','8517.62.00','8523.51.00','8524','8528.52.00','8541.10.00','8541.21.00','8541.29.00','8541.30.00','8541.49.10','8541.49.70','8541.49.80','8541.49.95','8541.51.00','8541.59.00','8541.90.00','8542']
M(id='us-ieepa-recip-electronics-exception',authority='ieepa-reciprocal',title='Reciprocal tariff exception: electronics list of 11 Apr 2025',importer='US',origins=CN_HK_MO,hts=ELEC,**{'from':'2025-04-05','to':'2026-02-24'},
  rate=av('0%'),replaces=recip,ref='9903.01.32',instrument='Presidential Memorandum "Clarification of Exceptions Under EO 14257" (11 Apr 2025, retroactive to 5 Apr 2025); CSMS 64724565',sources=S['electronics'],
  note='Exempts from the reciprocal tariff only: the fentanyl tariff and Section 301 still apply.')
# ---------------- Section 122
M(id='us-s122',authority='s122',title='Section 122 temporary import surcharge',importer='US',origins=['*'],hts=['*'],**{'from':'2026-02-24','to':'2026-07-24'},
  rate=av('10%'),notWith=['s232'],ref='9903.03.01',instrument='Proclamation 11012 (20 Feb 2026); CSMS 67844987',sources=S['s122'],
  note='Held unlawful by the CIT on 7 May 2026 for the plaintiff importers only (appeal pending); still collected from everyone else. Annex II exemptions other than the electronics lines in this schedule are not modelled.')
M(id='us-s122-electronics-exemption',authority='s122',title='Section 122 exemption: certain electronics (Annex II)',importer='US',origins=['*'],hts=['8471.30.01','8517.13.00']+ADD_S122_ELEC,**{'from':'2026-02-24','to':'2026-07-24'},
  rate=av('0%'),replaces=['us-s122'],ref='9903.03.02-.11 (Annex II)',instrument='Proclamation 11012 (20 Feb 2026), Annex II "certain electronics"',sources=S['s122-electronics'],
  note='Reports say the Section 122 exemptions mirror the IEEPA electronics list; membership of these two lines is cross-checked against the Yale Budget Lab exemption list.')
# ---------------- Issue 5: Section 301 List 2 and further Four-Year-Review steps
M(id='us-s301-list2',authority='s301',title='Section 301 List 2',importer='US',origins=['CN'],hts=['8542.31.00','8542.32.00'],**{'from':'2018-08-23'},
  rate=av('25%'),ref='9903.88.02',instrument='USTR Section 301 action, List 2 ($16B), 83 FR 40823 (16 Aug 2018), effective 23 Aug 2018',sources=S['s301-list2'])
M(id='us-s301-4yr-semiconductors',authority='s301',title='Section 301 Four-Year Review: semiconductors (50%)',importer='US',origins=['CN'],hts=['8542.31.00','8542.32.00'],**{'from':'2025-01-01'},
  rate=av('50%'),replaces=['us-s301-list2'],ref='9903.91.05',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217); CSMS 62411889',sources=S['s301-4yr'])
M(id='us-s301-4yr-steel-aluminum',authority='s301',title='Section 301 Four-Year Review: steel and aluminum products (25%)',importer='US',origins=['CN'],hts=['7306.30.50','7604.29.10'],**{'from':'2024-09-27'},
  rate=av('25%'),ref='9903.91.01',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217); CSMS 62411889',sources=S['s301-4yr'],
  note='These lines carried no Section 301 duty before 27 Sep 2024 (previous rate 0%).')
M(id='us-s301-4yr-syringes',authority='s301',title='Section 301 Four-Year Review: syringes and needles (100%)',importer='US',origins=['CN'],hts=['9018.31.00','9018.32.00'],**{'from':'2024-09-27'},
  rate=av('100%'),ref='9903.91.03',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217); CSMS 62411889',sources=S['s301-4yr'],
  note='Enteral syringes were excluded until 1 Jan 2026; the schedule does not tell them apart from other syringes of 9018.31.00.')
M(id='us-s301-4yr-gloves-50',authority='s301',title='Section 301 Four-Year Review: rubber medical and surgical gloves, first step (50%)',importer='US',origins=['CN'],hts=['4015.12.10'],**{'from':'2025-01-01','to':'2026-01-01'},
  rate=av('50%'),replaces=['us-s301-list4a'],ref='9903.91.05',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217)',sources=S['s301-4yr-masks-gloves'])
M(id='us-s301-4yr-gloves-100',authority='s301',title='Section 301 Four-Year Review: rubber medical and surgical gloves, second step (100%)',importer='US',origins=['CN'],hts=['4015.12.10'],**{'from':'2026-01-01'},
  rate=av('100%'),replaces=['us-s301-list4a'],ref='9903.91.08',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217)',sources=S['s301-4yr-masks-gloves'])
M(id='us-s301-4yr-respirators-25',authority='s301',title='Section 301 Four-Year Review: respirators and face masks, first step (25%)',importer='US',origins=['CN'],hts=['6307.90.9845'],**{'from':'2024-09-27','to':'2026-01-01'},
  rate=av('25%'),replaces=['us-s301-list4a'],ref='9903.91.01',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217); CSMS 62411889',sources=S['s301-4yr-masks-gloves'])
M(id='us-s301-4yr-facemasks-25',authority='s301',title='Section 301 Four-Year Review: disposable textile face masks, first step (25%)',importer='US',origins=['CN'],hts=['6307.90.9870'],**{'from':'2025-01-01','to':'2026-01-01'},
  rate=av('25%'),replaces=['us-s301-list4a'],ref='9903.91.04',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217)',sources=S['s301-4yr-masks-gloves'])
M(id='us-s301-4yr-masks-50',authority='s301',title='Section 301 Four-Year Review: respirators and face masks, second step (50%)',importer='US',origins=['CN'],hts=['6307.90.9845','6307.90.9870'],**{'from':'2026-01-01'},
  rate=av('50%'),replaces=['us-s301-list4a'],ref='9903.91.07',instrument='USTR Four-Year Review modifications, 89 FR 76581 (FR Doc 2024-21217)',sources=S['s301-4yr-masks-gloves'])
# ---------------- Issue 5: Section 232 auto parts and metals
M(id='us-s232-auto-parts',authority='s232',title='Section 232 automobile parts',importer='US',origins=['*'],hts=['4011.10.10','8708.29.50','8708.30.50','8708.40.11'],**{'from':'2025-05-03'},
  rate=av('25%'),ref='9903.94.05',instrument='Proclamation 10908 (26 Mar 2025) as amended by Proclamation 10925 (29 Apr 2025); CSMS 64913145',sources=S['s232-auto-parts'],
  note='USMCA-originating parts, the parts added later (9903.94.06) and the US-assembly offset are not modelled. Takes precedence over the Section 232 metal duties.')
M(id='us-s232-steel-25',authority='s232',title='Section 232 steel articles and derivatives, 25%',importer='US',origins=['*'],hts=STEEL_232,**{'from':'2025-03-12','to':'2025-06-04'},
  rate=av('25%'),notWith=AUTO_232,ref='9903.81.87-.91 (steel articles and derivatives)',instrument='Proclamation 10896 (10 Feb 2025; 90 FR 9817), country exemptions ended 12 Mar 2025; CSMS 64348411',sources=S['s232-steel-25'],
  note='Modelled on the full customs value; the steel-content basis for derivatives outside chapter 73 (9903.81.91) is not modelled for this period.')
M(id='us-s232-steel-50',authority='s232',title='Section 232 steel articles and derivatives, 50% (steel content)',importer='US',origins=['*'],hts=STEEL_232,**{'from':'2025-06-04','to':'2026-04-06'},
  rate=av('50%'),base={'content':'steel'},notWith=AUTO_232,ref='9903.81.87-.91 (as amended 4 Jun 2025)',instrument='Proclamation "Adjusting Imports of Aluminum and Steel into the United States" (3 Jun 2025); CSMS 65236374',sources=S['s232-metals-50'],
  note='Applies to the value of the steel content; other duties that do not stack on Section 232 (reciprocal, Section 122) apply to the rest of the value. The UK rate (25%) is not modelled.')
M(id='us-s232-aluminum-25',authority='s232',title='Section 232 aluminum articles, 25%',importer='US',origins=['*'],hts=ALU_232,**{'from':'2025-03-12','to':'2025-06-04'},
  rate=av('25%'),notWith=AUTO_232,ref='9903.85.02 (aluminum articles)',instrument='Proclamation 10895 (10 Feb 2025; 90 FR 9807), rate raised from 10% and exemptions ended 12 Mar 2025; CSMS 64348288',sources=S['s232-steel-25'])
M(id='us-s232-aluminum-50',authority='s232',title='Section 232 aluminum articles, 50% (aluminum content)',importer='US',origins=['*'],hts=ALU_232,**{'from':'2025-06-04','to':'2026-04-06'},
  rate=av('50%'),base={'content':'aluminum'},notWith=AUTO_232,ref='9903.85.02 (as amended 4 Jun 2025)',instrument='Proclamation "Adjusting Imports of Aluminum and Steel into the United States" (3 Jun 2025); CSMS 65236645',sources=S['s232-metals-50'])
M(id='us-s232-aluminum-derivatives-2025-08',authority='s232',title='Section 232 aluminum derivatives added 18 Aug 2025, 50% (aluminum content)',importer='US',origins=['*'],hts=ALU_DERIV_AUG25,**{'from':'2025-08-18','to':'2026-04-06'},
  rate=av('50%'),base={'content':'aluminum'},notWith=AUTO_232,ref='9903.85.08',instrument='BIS notice "Adoption and Procedures of the Section 232 Steel and Aluminum Tariff Inclusions Process" (90 FR 40326, FR Doc 2025-15819): 407 HTS codes added from 18 Aug 2025',sources=S['s232-derivatives-aug25'],
  note='Declare the aluminum content with --content aluminum=...; without it the duty is computed on the full value.')
M(id='us-s232-steel-derivatives-2025-06',authority='s232',title='Section 232 steel derivatives added 23 Jun 2025 (household appliances), 50% (steel content)',importer='US',origins=['*'],hts=['8418.10.00','8450.11.00','8451.21.00'],**{'from':'2025-06-23','to':'2026-04-06'},
  rate=av('50%'),base={'content':'steel'},notWith=AUTO_232,ref='9903.81.91',instrument='Department of Commerce notice adding steel derivative products (90 FR 25208), effective 23 Jun 2025; CSMS 65405824',
  sources=['https://www.elleoglobal.com/post/cbp-issues-guidance-on-new-section-232-tariffs-for-derivative-steel-products-effective-june-23-20','https://borderbuddy.com/trade-tariff-news/new-steel-derivatives-added-to-50-section-232','https://blog.transmodal.net/tariff-update-new-steel-derivatives-added-to-section-232-tariffs?hs_amp=true'],
  note='Declare the steel content with --content steel=...; without it the duty is computed on the full value. From 18 Aug 2025 the aluminum content is also subject (us-s232-aluminum-derivatives-2025-08).')
M(id='us-s201-solar-1425',authority='s201',title='Section 201 safeguard on crystalline silicon photovoltaic modules, 14.25%',importer='US',origins=['*'],hts=['8541.43.00'],**{'from':'2024-02-07','to':'2025-02-07'},
  rate=av('14.25%'),ref='9903.45.25',instrument='Section 201 safeguard on CSPV cells and modules (Proclamation 9693 as extended by Proclamation 10339), year 7',sources=['https://dutydesk.app/us/990345'],
  note='Country exclusions of the safeguard (certain developing countries) are not modelled.')
M(id='us-s201-solar-14',authority='s201',title='Section 201 safeguard on crystalline silicon photovoltaic modules, 14%',importer='US',origins=['*'],hts=['8541.43.00'],**{'from':'2025-02-07','to':'2026-02-07'},
  rate=av('14%'),ref='9903.45.25',instrument='Section 201 safeguard on CSPV cells and modules (Proclamation 10339), year 8; expiry after 6 Feb 2026 not confirmed',sources=['https://dutydesk.app/us/990345'],
  note='Country exclusions of the safeguard are not modelled; whether the safeguard continued after 6 Feb 2026 is not confirmed in the sources, so it is not applied after that date.')
M(id='us-s232-metals-annex1a-50',authority='s232',title='Section 232 metals restructured: Annex I-A primary articles, 50% of full value',importer='US',origins=['*'],hts=['7306.30.50','7318.14.10','7318.15.20','7604.29.10'],**{'from':'2026-04-06'},
  rate=av('50%'),notWith=AUTO_232,ref='Section 232 metals Annex I-A (proclamation of 2 Apr 2026)',instrument='Proclamation of 2 Apr 2026 restructuring the Section 232 aluminum, steel and copper tariffs (full entered value), effective 6 Apr 2026',sources=S['s232-metals-2026'],
  note='The proclamation of 1 Jun 2026 (effective 8 Jun 2026) adjusted the derivative annexes further; those adjustments and the UK rate (25%) are not modelled.')
M(id='us-s232-metals-annex1b-25',authority='s232',title='Section 232 metals restructured: Annex I-B derivative articles, 25% of full value',importer='US',origins=['*'],hts=['7323.10.00','7323.93.00','8418.10.00','8450.11.00','8451.21.00'],**{'from':'2026-04-06'},
  rate=av('25%'),notWith=AUTO_232,ref='Section 232 metals Annex I-B (proclamation of 2 Apr 2026)',instrument='Proclamation of 2 Apr 2026 restructuring the Section 232 aluminum, steel and copper tariffs (full entered value), effective 6 Apr 2026',sources=S['s232-metals-2026'],
  note='Goods outside chapters 72, 73, 74 and 76 are covered only where the metal is at least 15% of their weight; the schedule assumes that threshold is met for the appliances listed. The June 2026 adjustments and the UK rate (15%) are not modelled.')
# ---------------- Issue 5: de minimis
M(id='us-de-minimis-cn-hk',kind='exemption',authority='de-minimis',title='De minimis: shipments valued at $800 or less enter free (products of China and Hong Kong)',importer='US',origins=CN_HK,hts=['*'],**{'from':'2018-01-01','to':'2025-05-02'},
  rate=av('0%'),threshold='800',ref='19 U.S.C. 1321(a)(2)(C)',instrument='Tariff Act of 1930 s. 321; ended for products of China and Hong Kong from 2 May 2025 by EO 14256 (2 Apr 2025; 90 FR 14899), as amended by EO 14259 and EO 14266',sources=S['de-minimis-cn'],
  note='Postal shipments from 2 May 2025 pay the postal duty (measures us-postal-*) at the carrier\'s choice, in lieu of other duties. The brief withdrawal under EO 14195 (4-7 Feb 2025) is not modelled.')
POSTAL=['https://www.thompsonhinesmartrade.com/2025/04/trump-signs-eo-prohibiting-duty-free-de-minimis-treatment-for-goods-from-china/','https://regfollower.com/us-customs-and-border-protection-imposes-new-tariffs-on-chinese-imports','https://www.metrocb.com/news/cbp-issues-federal-register-notice-on-de-minimis-eligibility-for-china-and-hong-kong']
POSTAL_MAY14=['https://www.mondaq.com/unitedstates/export-controls-trade-investment-sanctions/1624824/','https://www.govinfo.gov/content/pkg/FR-2025-05-21/html/2025-09297.htm']
for (pid, start, end, adv, instr, src) in [
    ('120', '2025-05-02', '2025-05-14', '120%', 'EO 14256 as amended by EO 14259 and EO 14266 (9 Apr 2025)', POSTAL),
    ('54', '2025-05-14', '2025-08-29', '54%', 'EO 14256 as amended by EO 14298 (12 May 2025): ad valorem cut from 120% to 54%; $100 per item kept', POSTAL_MAY14+POSTAL),
]:
    M(id=f'us-postal-cn-{pid}',authority='postal-duty',title=f'Postal duty on products of China and Hong Kong, {adv} (ad valorem method)',importer='US',origins=CN_HK,hts=['*'],modes=['postal'],
      **{'from':start,'to':end},rate=av(adv),inLieuOfOthers=True,election={'group':'postal-method','option':'ad-valorem','default':True},
      ref='EO 14256 postal duty',instrument=instr,sources=src,
      note='Collected by the carrier on postal items in lieu of all other duties (incl. Section 301). The method after 29 Aug 2025 (EO 14324) is not modelled.')
    M(id=f'us-postal-cn-item-{pid}',authority='postal-duty',title='Postal duty on products of China and Hong Kong, $100 per postal item (per-item method)',importer='US',origins=CN_HK,hts=['*'],modes=['postal'],
      **{'from':start,'to':end},rate={'specific':{'amount':'100','per':'shipment'}},inLieuOfOthers=True,election={'group':'postal-method','option':'per-item'},
      ref='EO 14256 postal duty',instrument=instr,sources=src,
      note='The carrier may elect $100 per postal item instead of the ad valorem method (the $200 step planned from 1 Jun 2025 was cancelled by EO 14298). Give --elect postal-method=per-item.')
M(id='us-de-minimis',kind='exemption',authority='de-minimis',title='De minimis: shipments valued at $800 or less enter free (all other origins)',importer='US',origins=['*'],exceptOrigins=CN_HK,hts=['*'],**{'from':'2018-01-01','to':'2025-08-29'},
  rate=av('0%'),threshold='800',ref='19 U.S.C. 1321(a)(2)(C)',instrument='Tariff Act of 1930 s. 321; suspended for all countries from 29 Aug 2025 by EO 14324 (30 Jul 2025; 90 FR 37775), suspension continued by the EO of 20 Feb 2026',sources=S['de-minimis-all'],
  note='Postal duty methods (ad valorem at the origin\'s IEEPA rate or $80/$160/$200 per item) are not modelled: the core cannot yet express the carrier\'s choice. Statutory repeal for commercial shipments from 1 Jul 2027 (P.L. 119-21) is not modelled.')

# ---------------- China importer
M(id='cn-vat-13',kind='tax',authority='vat',title='China import VAT, standard rate 13%',importer='CN',origins=['*'],hts=['*'],**{'from':'2019-04-01'},
  rate=av('13%'),base='customs-value+duty',ref='MOF/SAT/GACC Announcement [2019] No. 39',instrument='VAT reform, 13% from 1 Apr 2019',sources=S['cn-vat'])
M(id='cn-vat-9',kind='tax',authority='vat',title='China import VAT, reduced rate 9% (agricultural products)',importer='CN',origins=['*'],hts=['1201']+ADD_VAT9,**{'from':'2019-04-01'},
  rate=av('9%'),base='customs-value+duty',replaces=['cn-vat-13'],ref='MOF/SAT/GACC Announcement [2019] No. 39',instrument='VAT reform, 9% reduced rate from 1 Apr 2019',sources=S['cn-vat'])
M(id='cn-ret-ag-10',authority='cn-retaliation',title='China additional tariff on US farm goods, 10% (Annex 2: soybeans, sorghum, pork, beef ...)',importer='CN',origins=['US'],hts=['1201']+ADD_AG10,**{'from':'2025-03-10','to':'2025-11-10'},
  rate=av('10%'),ref='SCTC Announcement No. 2 of 2025, Annex 2',instrument='State Council Customs Tariff Commission, 4 Mar 2025; ceased to apply 10 Nov 2025',sources=S['cn-mar']+S['cn-nov'])
M(id='cn-ret-84',authority='cn-retaliation',title='China additional tariff on all US goods, 84%',importer='CN',origins=['US'],hts=['*'],**{'from':'2025-04-10','to':'2025-04-12'},
  rate=av('84%'),ref='SCTC Announcement No. 4 of 2025, as amended 9 Apr 2025',instrument='State Council Customs Tariff Commission: 34% announced 4 Apr, raised to 84% before it took effect on 10 Apr 2025',sources=S['cn-84'])
M(id='cn-ret-125',authority='cn-retaliation',title='China additional tariff on all US goods, 125%',importer='CN',origins=['US'],hts=['*'],**{'from':'2025-04-12','to':'2025-05-14'},
  rate=av('125%'),ref='SCTC announcement of 11 Apr 2025',instrument='State Council Customs Tariff Commission, +41 points from 12 Apr 2025',sources=S['cn-125'])
M(id='cn-ret-10',authority='cn-retaliation',title='China additional tariff on all US goods, 10% (24 points suspended)',importer='CN',origins=['US'],hts=['*'],**{'from':'2025-05-14'},
  rate=av('10%'),ref='SCTC announcement of 12 May 2025 (Geneva)',instrument='State Council Customs Tariff Commission; suspension of 24 points extended 12 Aug 2025 and on 10 Nov 2025 for one year',sources=S['cn-10']+S['cn-nov'],
  note='Status after the suspension year ends (10 Nov 2026) is not covered by the sources.')
M(id='cn-ret-suspended-24',authority='cn-retaliation',title='China additional tariff on US goods: the suspended 24 points',importer='CN',origins=['US'],hts=['*'],**{'from':'2025-05-14'},
  rate=av('24%'),ref='SCTC announcement of 12 May 2025 (Geneva)',instrument='State Council Customs Tariff Commission (24 points suspended for 90 days, extended twice)',sources=S['cn-10']+S['cn-nov'],
  suspended={'since':'2025-05-14','note':'24 of the 34 points are suspended (Geneva, extended 12 Aug and 10 Nov 2025)'})

# ---------------- Issue 5: China's retaliation of February and March 2025
M(id='cn-ret-feb-15',authority='cn-retaliation',title='China additional tariff on US coal and LNG, 15% (February 2025)',importer='CN',origins=['US'],hts=['2701','2711.11'],**{'from':'2025-02-10'},
  rate=av('15%'),ref='SCTC announcement of 4 Feb 2025',instrument='State Council Customs Tariff Commission, response to the US 10% fentanyl tariff; effective 10 Feb 2025',sources=S['cn-feb'],
  note='Status after the November 2025 arrangement is UNCONFIRMED (not listed as removed in the sources): left open-ended.')
M(id='cn-ret-feb-10',authority='cn-retaliation',title='China additional tariff on US crude oil and large-displacement cars, 10% (February 2025)',importer='CN',origins=['US'],hts=['2709','8703.24'],**{'from':'2025-02-10'},
  rate=av('10%'),ref='SCTC announcement of 4 Feb 2025',instrument='State Council Customs Tariff Commission, response to the US 10% fentanyl tariff; effective 10 Feb 2025',sources=S['cn-feb'],
  note='Also covers agricultural machinery, pickup trucks and other large-displacement cars, whose tariff lines are not in this schedule. Status after the November 2025 arrangement is UNCONFIRMED: left open-ended.')
M(id='cn-ret-ag-15',authority='cn-retaliation',title='China additional tariff on US farm goods, 15% (Annex 1: chicken, wheat, corn, cotton)',importer='CN',origins=['US'],hts=['0207.11','0207.12','0207.13','0207.14','1001','1005','5201'],**{'from':'2025-03-10','to':'2025-11-10'},
  rate=av('15%'),ref='SCTC Announcement No. 2 of 2025, Annex 1',instrument='State Council Customs Tariff Commission, 4 Mar 2025; ceased to apply 10 Nov 2025',sources=S['cn-mar']+S['cn-nov'])


lines=[
 dict(importer='US',hts='9503.00.00',description='Toys, dolls, puzzles, scale models',mfn=av('0%'),sources=L['toys'],coverageFrom='2018-01-01'),
 dict(importer='US',hts='8471.30.01',description='Portable computers (laptops) ≤ 10 kg',mfn=av('0%'),sources=L['laptops'],coverageFrom='2018-01-01'),
 dict(importer='US',hts='8517.13.00',description='Smartphones',mfn=av('0%'),sources=L['phones'],coverageFrom='2022-01-01',note='Code created in the 2022 HTS revision.'),
 dict(importer='US',hts='6109.10.00',description='T-shirts, singlets, knitted, of cotton',mfn=av('16.5%'),sources=L['tshirt'],coverageFrom='2018-01-01'),
 dict(importer='US',hts='8541.43.00',description='Photovoltaic cells assembled in modules or made up into panels',mfn=av('0%'),sources=L['solar'],coverageFrom='2024-09-27',
      note='The Section 301 rate before the Four-Year Review (25%) and AD/CVD orders are not modelled.'),
 dict(importer='US',hts='8703.80.00',description='Passenger vehicles with only electric motors for propulsion',mfn=av('2.5%'),sources=L['ev'],coverageFrom='2018-07-06'),
 dict(importer='US',hts='8507.60.0010',description='Lithium-ion batteries of a kind used for electric vehicles',mfn=av('3.4%'),sources=L['liion'],coverageFrom='2020-02-14'),
 dict(importer='US',hts='8507.60.0020',description='Lithium-ion batteries, other (non-EV)',mfn=av('3.4%'),sources=L['liion'],coverageFrom='2020-02-14'),
 dict(importer='US',hts='9401.61.60',description='Upholstered seats with wooden frames (sofas, chairs), other',mfn=av('0%'),sources=L['sofa'],coverageFrom='2018-09-24',
      note='Some 10-digit splits of 9401.61.60 are listed on List 4B (suspended) rather than List 3 in peer data; this schedule follows the List 3 treatment.'),
 dict(importer='CN',hts='1201.90.00',description='Soybeans, other than seed (US origin)',mfn=av('3%'),sources=L['soy'],coverageFrom='2025-01-01'),
]

# ---------------- Issue 5: new tariff lines
def U(hts, description, mfn, src, cov, note=None):
    d = dict(importer='US', hts=hts, description=description, mfn=av(mfn), sources=L[src], coverageFrom=cov)
    if note: d['note'] = note
    lines.append(d)
def C(hts, description, mfn, src, note=None, cov='2025-01-01'):
    d = dict(importer='CN', hts=hts, description=description, mfn=av(mfn), sources=L[src], coverageFrom=cov)
    if note: d['note'] = note
    lines.append(d)

# electronics
U('8471.41.01','Computers with CPU, input and output unit in one housing (desktops, all-in-ones)','0%','desktop','2019-09-01')
U('8471.50.01','Processing units other than 8471.41/8471.49 (desktop towers, servers)','0%','cpu','2018-09-24')
U('8471.70.40','Storage units not assembled in cabinets (hard disk drives)','0%','hdd','2018-07-06')
U('8528.52.00','Monitors for automatic data processing machines of heading 8471','0%','monitor','2018-01-01')
U('8542.31.00','Processors and controllers (electronic integrated circuits)','0%','chips','2018-08-23',
  note='The January 2026 Section 232 duty on certain advanced computing chips is not modelled.')
U('8542.32.00','Memories (electronic integrated circuits)','0%','chips','2018-08-23')
U('8518.30.20','Headphones and earphones, other than line telephone handsets','0%','headphones','2025-01-01',
  note='MFN rate of 2025-2026; the rates of earlier years (reduced in stages under the ITA expansion) are not modelled.')
U('8523.51.00','Solid-state non-volatile storage devices (SSDs, USB flash drives)','0%','ssd','2019-09-01')
# home appliances, tools
U('8516.50.00','Microwave ovens','2%','microwave','2018-01-01')
U('8516.31.00','Hair dryers','3.9%','hairdryer','2018-01-01')
U('8509.40.00','Food grinders, processors and mixers (blenders); juice extractors','4.2%','mixer','2018-01-01')
U('8509.80.50','Other electromechanical domestic appliances (electric toothbrushes, humidifiers, can openers)','4.2%','appliance-other','2018-01-01')
U('8467.21.00','Drills of all kinds, with self-contained electric motor','1.7%','drill','2018-01-01')
U('8516.10.00','Electric instantaneous or storage water heaters and immersion heaters','0%','waterheater','2019-09-01')
U('8418.10.00','Combined refrigerator-freezers with separate external doors or drawers','0%','fridge','2018-09-24')
U('8450.11.00','Fully automatic household washing machines, dry linen capacity not over 10 kg','1.4%','washer','2023-02-07',
  note='The Section 201 safeguard on large residential washers (to 7 Feb 2023) is not modelled, so coverage starts after it.')
U('8451.21.00','Drying machines, dry linen capacity not over 10 kg','3.4%','dryer','2018-09-24')
# furniture and bedding
U('9403.50.90','Wooden bedroom furniture, other than bent-wood','0%','bedroom','2018-09-24',
  note='Some 10-digit splits appear on List 4B in peer data; this schedule follows the List 3 treatment of the 8-digit line.')
U('9404.21.00','Mattresses of cellular rubber or plastics','3%','mattress','2018-09-24')
U('9404.29.10','Mattresses of other materials, of cotton','3%','mattress','2018-09-24')
U('9404.30.80','Sleeping bags, other than those with 20% or more of down','9%','sleeping-bags','2018-01-01')
U('9404.90.10','Pillows, cushions and similar furnishings, of cotton','5.3%','pillow','2019-09-01',
  note='Some 10-digit splits appear on List 4B in peer data; this schedule follows the List 4A treatment shown for the 8-digit line.')
# toys and games
U('9504.50.00','Video game consoles and machines, other than coin-operated','0%','console','2018-01-01')
U('9504.40.00','Playing cards','0%','playing-cards','2018-01-01')
U('9504.90.60','Chess, checkers, board games, mah-jong, dominoes, dice','0%','games-95','2018-01-01')
U('9505.10.25','Christmas ornaments, other than of glass or wood','0%','games-95','2018-01-01')
U('9505.90.60','Festive, carnival or other entertainment articles, other','0%','festive','2018-01-01')
# apparel, footwear, travel goods
U('6104.62.20',"Women's or girls' trousers, breeches and shorts, knitted, of cotton",'14.9%','trousers-knit','2019-09-01')
U('6302.60.00','Toilet and kitchen linen of cotton terry towelling','9.1%','towels','2019-09-01')
U('6404.19.90','Footwear with rubber/plastic outer soles and textile uppers, over $12/pair','9%','shoes-6404-19-90','2019-09-01')
U('6404.11.90','Sports footwear with textile uppers, over $12/pair','20%','shoes-6404-11-90','2019-09-01')
U('6404.19.15','Footwear with textile uppers of which over 50% of the surface is leather','10.5%','shoes-6404-19-15','2019-09-01')
U('6405.90.20','Disposable footwear designed for one-time use','3.8%','shoes-disposable','2019-09-01')
U('4202.92.31','Travel, sports and similar bags, outer surface of man-made fibre textile','17.6%','bags','2018-09-24')
# plastics
U('3924.10.40','Tableware and kitchenware of plastics, other','3.4%','plastic-kitchen','2018-01-01')
U('3924.90.56','Other household articles of plastics','3.4%','plastic-household','2019-09-01')
# steel and aluminium
U('7318.15.20','Bolts, and bolts with their nuts or washers, of iron or steel','0%','bolts','2018-09-24')
U('7318.14.10','Self-tapping screws of iron or steel, shank diameter under 6 mm','6.2%','screws','2018-09-24')
U('7323.93.00','Table, kitchen or other household articles of stainless steel','2%','steel-kitchen','2018-01-01')
U('7323.10.00','Iron or steel wool; pot scourers and scouring or polishing pads','0%','steel-wool','2018-09-24')
U('7306.30.50','Welded circular tubes and pipes of iron or non-alloy steel, other','0%','pipes','2024-09-27',
  note='Section 232 steel before 12 Mar 2025 (25% with country exemptions since 2018) is not modelled, so coverage starts with the Four-Year Review.')
U('7604.29.10','Aluminum alloy profiles, other than hollow','5%','alu-profiles','2024-09-27',
  note='Section 232 aluminum before 12 Mar 2025 (10% since 2018) is not modelled, so coverage starts with the Four-Year Review.')
# vehicles and parts
U('8703.22.01','Passenger cars, spark ignition only, 1,000-1,500 cc','2.5%','cars-8703-2x','2022-01-01',note='Code in use from the 2022 HTS.')
U('8703.23.01','Passenger cars, spark ignition only, 1,500-3,000 cc','2.5%','cars-8703-2x','2022-01-01',note='Code in use from the 2022 HTS.')
U('8703.24.01','Passenger cars, spark ignition only, over 3,000 cc','2.5%','cars-8703-2x','2022-01-01',note='Code in use from the 2022 HTS.')
U('8708.40.11','Gear boxes for vehicles of 8701.20, 8702, 8703 or 8704','2.5%','gearbox','2018-09-24')
U('8708.29.50','Other parts and accessories of motor vehicle bodies','2.5%','body-parts','2018-01-01')
U('8708.30.50','Brakes and servo-brakes and parts, for other vehicles','2.5%','brakes','2018-09-24',
  note='Some 10-digit splits appear on List 4B in peer data; this schedule follows the List 3 treatment of the 8-digit line.')
U('4011.10.10','New pneumatic radial tires of a kind used on motor cars','4%','tires','2018-09-24')
# solar, medical
U('8541.42.00','Photovoltaic cells not assembled in modules or made up into panels','0%','pv-cells','2024-09-27',
  note='The earlier Section 301 rate, the Section 201 safeguard and AD/CVD orders are not modelled.')
U('9018.31.00','Syringes, with or without needles','0%','syringes','2024-09-27')
U('9018.32.00','Tubular metal needles and needles for sutures','0%','needles','2024-09-27')
U('4015.12.10','Gloves of vulcanized rubber of a kind used for medical or surgical purposes','0%','gloves','2022-01-01',note='Code in use from the 2022 HTS.')
U('6307.90.9845','N95 respirators (made-up textile articles)','7%','masks','2020-07-01',note='Statistical suffix in use from 1 Jul 2020.')
U('6307.90.9870','Other face masks, disposable','7%','masks','2020-07-01',note='Statistical suffix in use from 1 Jul 2020.')

# China side (US origin). Rates in the China Customs Tariff; VAT per the sources.
TRQ='Tariff-rate quota: the in-quota MFN rate is used; the out-of-quota rate is not modelled.'
C('1001.99.00','Wheat and meslin, other than durum or seed (in-quota)','1%','cn-wheat',note=TRQ+' Out-of-quota: 65%.')
C('1001.19.00','Durum wheat, other than seed (in-quota)','1%','cn-durum',note=TRQ+' Out-of-quota: 65%.')
C('5201.00.00','Cotton, not carded or combed (in-quota)','1%','cn-cotton',note=TRQ+' Out-of-quota: 40%.')
C('0203.22.00','Frozen hams, shoulders and cuts of swine, with bone in','12%','cn-pork-frozen')
C('0203.29.00','Frozen meat of swine, other (boneless and other cuts)','12%','cn-pork-frozen-other')
C('0203.12.00','Fresh or chilled hams, shoulders and cuts of swine, with bone in','20%','cn-pork-fresh')
C('0201.30.00','Fresh or chilled boneless bovine meat','12%','cn-beef')
C('0207.13.11','Chicken cuts with bone in, fresh or chilled','20%','cn-chicken')
C('2701.12.10','Coking coal, not agglomerated','3%','cn-coal',note='MFN restored from 1 Jan 2024 (zero provisional rate May 2022 - Dec 2023).',cov='2024-01-01')
C('2709.00.00','Crude petroleum oils','0%','cn-crude',note='The MFN rate is a specific rate of 0 yuan/kg.')
C('8703.24','Passenger cars with spark-ignition engine only, cylinder capacity over 3,000 cc','15%','cn-cars',
  note='Consumption tax (25% for 3-4 L, 40% over 4 L), which also enters the VAT base, is not modelled.')
C('8542.31','Processors and controllers (electronic integrated circuits)','0%','cn-chips')
C('9018.11.00','Electro-cardiographs','0%','cn-medical')
C('9018.12.10','B-mode ultrasonic diagnostic equipment','3.5%','cn-medical')
C('8471.30.90','Portable automatic data processing machines not over 10 kg, other','0%','cn-laptops')

NOT_MODELLED_ADD = [
 'MPF for FY2021-FY2023 (entries from 2020-10-01 to 2023-09-30) and from FY2027 (2026-10-01): the fiscal-year minimum and maximum were not found in the sources, so MPF is not computed for those entries (the result lists it as not in force)',
 'IEEPA reciprocal rates for origins other than China, Hong Kong and Macau (e.g. Vietnam 20% from 7 Aug 2025): non-China origins are priced without a reciprocal tariff',
 'Section 232 metals: the proclamation of 1 Jun 2026 (effective 8 Jun 2026) adjusting the April 2026 annexes, UK rates and the US-metal-content rules of the April 2026 restructuring',
 'Section 232 metals Annex I-B 15%-by-weight threshold for derivative articles outside chapters 72/73/74/76 (assumed met for the listed appliances; computers of heading 8471 are not given the Annex I-B duty)',
 'Section 232 steel and aluminum before 12 Mar 2025 (2018 duties with country exemptions); Section 232 copper, timber and lumber other than upholstered furniture, trucks and the January 2026 advanced-chip duty',
 'Section 232 auto parts added after May 2025 (9903.94.06), USMCA content and the US-assembly offset',
 'De minimis postal duty methods after 29 Aug 2025 (EO 14324), the 4-7 Feb 2025 withdrawal for China and the statutory 2027 repeal; the dutiable mail fee',
 'IEEPA reciprocal Annex II exemptions other than the April 2025 electronics list, and Section 122 Annex II exemptions other than the listed electronics',
 'Section 301 Four-Year Review items not on a listed line (cranes, critical minerals, permanent magnets, natural graphite, enteral syringes as a separate step)',
 'China out-of-quota tariff rates (wheat, corn, cotton), the February 2025 retaliation on agricultural machinery and pickup trucks, and China\'s reduced VAT for imported large aircraft',
 'Exchange rates: only the PBOC/CFETS central parity on two 2025 dates (and its reciprocal); China Customs\' monthly conversion rates and CBP certified rates are not modelled',
]

FX = []
for d, r, key in [('2025-02-24','7.1717','fx-cfets-20250224'),('2025-08-28','7.1063','fx-cfets-20250828')]:
    FX.append(dict(**{'from':'USD','to':'CNY'}, date=d, rate=r, sources=S[key]))
    inv = (__import__('decimal').Decimal(1) / __import__('decimal').Decimal(r)).quantize(__import__('decimal').Decimal('0.000001'))
    FX.append(dict(**{'from':'CNY','to':'USD'}, date=d, rate=str(inv), sources=S[key]))


scenarios=[
 dict(id='pre-2025',title='Before 2025',description='The law of 1 Jan 2025: MFN, Section 301 (with the 2024 Four-Year Review), no IEEPA tariffs.',asOf='2025-01-01',
      summary={'US<-CN':'MFN + Section 301 only','CN<-US':'MFN only'}),
 dict(id='peak-145',title='April 2025 peak',description='12 Apr 2025: US fentanyl 20% + reciprocal 125% = +145% on China; China +125% on the US.',asOf='2025-04-12',
      summary={'US<-CN':'+145% (fentanyl 20% + reciprocal 125%)','CN<-US':'+125% (+10% or 15% more on listed farm goods)'}),
 dict(id='geneva-30',title='Geneva truce',description='14 May 2025: reciprocal cut to 10% with 24 points suspended; US +30% on China, China +10% on the US.',asOf='2025-05-14',
      summary={'US<-CN':'+30% (fentanyl 20% + reciprocal 10%)','CN<-US':'+10% (+10% or 15% more on listed farm goods)'}),
 dict(id='busan-20',title='Busan arrangement',description='10 Nov 2025: fentanyl tariff cut to 10%; US +20% on China; China drops its March 2025 farm tariffs.',asOf='2025-11-10',
      summary={'US<-CN':'+20% (fentanyl 10% + reciprocal 10%)','CN<-US':'+10%'}),
 dict(id='s122-2026',title='After IEEPA: Section 122',description='24 Feb 2026: IEEPA duties no longer collected; Section 122 surcharge of 10% on all origins (not on Section 232 goods).',asOf='2026-02-24',
      summary={'US<-CN':'+10% Section 122 (no IEEPA)','CN<-US':'+10%'}),
 dict(id='snapback-34',title='What if the truce collapses',description='What-if: geneva-30 with the suspended 24 points restored on both sides (US reciprocal 34%, China 34%).',asOf='2025-05-14',
      extends='geneva-30',whatIf=True,
      overrides=[{'set':'us-ieepa-recip-10-geneva','rate':av('34%')},{'set':'cn-ret-10','rate':av('34%')}],
      summary={'US<-CN':'+54% (fentanyl 20% + reciprocal 34%)','CN<-US':'+34%'}),
 dict(id='as-entered',title='As entered',description='Each shipment under the law in force on its own entry date (--date or the date column).',asOf=None,
      summary={'US<-CN':'the law of each entry date','CN<-US':'the law of each entry date'}),
]

doc={

 'schemaVersion':1,
 'meta':{'title':'US–China tariff schedule (bundled with tariff-cli)','version':'2026.11.28-2','verifiedThrough':'2026-06-30',
   'notModelled':['Antidumping and countervailing duties (AD/CVD)','Tariff-rate quotas','Free-trade-agreement preferences (USMCA etc.)','Duty drawback','Section 301 and 232 product exclusions','Informal-entry MPF and other flat fees','China consumption tax','In-transit grace rules of each instrument','Section 232 country caps and rates for other partners (EU, Japan, UK)']+NOT_MODELLED_ADD},
 'importers':{
   'US':{'name':'United States','currency':'USD','minorDigits':2,'valuation':'transaction-value','rounding':'half-up','sources':S['us-value']},
   'CN':{'name':'China','currency':'CNY','minorDigits':2,'valuation':'cif','rounding':'half-up','sources':S['cn-value']},
 },
 'lines':lines,'measures':measures,'fx':FX,'scenarios':scenarios,
 'refunds':[
   {'id':'us-ieepa-refund-cape-1','title':'Refund of IEEPA duties after Learning Resources v. Trump (CBP CAPE)','importer':'US',
    'authorities':['ieepa-fentanyl','ieepa-reciprocal'],'entryFrom':'2025-02-04','entryTo':'2026-02-24',
    'phase':'CBP CAPE Phase 1: unliquidated entries and entries within 80 days of liquidation','phaseFrom':'2026-04-20','liquidatedWithinDays':80,
    'sources':['https://gcaptain.com/trade-court-ruling-opens-door-to-tariff-refunds-for-u-s-importers/','https://info.expeditors.com/newsflash/cbp-preparing-ieepa-tariff-refund-process-in-ace','https://flegenheimer.com/important-set-up-your-ace-portal-account-for-electronic-refunds-ieepa-tariffs-updates/'],
    'note':'CIT orders of 4 and 27 Mar 2026 (Atmus Filtration v. US); CSMS 68315804. Refunds follow CBP liquidation records; interest is paid by CBP and is not estimated here.'},
 ],
}
OUT=__import__('pathlib').Path(__file__).resolve().parents[2]/'data'/'schedule.json'  # <repo>/data/schedule.json
with open(OUT,'w',encoding='utf-8') as f:
    json.dump(doc,f,indent=2,ensure_ascii=False)
print(len(lines),len(measures))
