// Company names on the seller's papers (core/include/evexport/company.hpp, issue 13): names that differ
// only in how they are written are the same; different companies always differ; a Chinese name and a
// Latin one are never called either.
#include <gtest/gtest.h>

#include "evexport/company.hpp"

namespace {

using evexport::NameMatch;

struct Pair {
    const char* a;
    const char* b;
};

// The same company, written as people write it: case, spaces, full-width characters, punctuation,
// legal forms and their abbreviations.
constexpr Pair kSame[] = {
    {"BYD Auto Co., Ltd.", "BYD AUTO CO.,LTD"},
    {"BYD Auto Co., Ltd.", "byd auto company limited"},
    {"BYD Auto Co., Ltd.", "BYD Auto Co Ltd"},
    {"BYD Auto Co., Ltd.", "ＢＹＤ　Ａｕｔｏ　Ｃｏ．，Ｌｔｄ．"},
    {"BYD Auto Co., Ltd.", "  BYD  Auto Co. Ltd.  "},
    {"Chery Automobile Co., Ltd.", "CHERY AUTOMOBILE COMPANY LIMITED"},
    {"SAIC Motor Corporation Limited", "SAIC Motor Corp. Ltd."},
    {"SAIC Motor Corporation Limited", "SAIC MOTOR CORPORATION LTD"},
    {"Tesla (Shanghai) Co., Ltd.", "Tesla Shanghai Co Ltd"},
    {"Tesla (Shanghai) Co., Ltd.", "TESLA (SHANGHAI) COMPANY LIMITED"},
    {"Shenzhen Haike Import & Export Co., Ltd.", "Shenzhen Haike Imp. & Exp. Co., Ltd."},
    {"Shenzhen Haike Import and Export Co., Ltd.", "SHENZHEN HAIKE IMPORT & EXPORT CO LTD"},
    {"Guangzhou Lianhe International Trading Co., Ltd.", "Guangzhou Lianhe Intl Trading Co., Ltd."},
    {"Zhejiang Haoqing Automobile Manufacturing Co., Ltd.", "ZHEJIANG HAOQING AUTOMOBILE MFG CO LTD"},
    {"Great Wall Motor Company Limited", "Great Wall Motor Co., Ltd."},
    {"Li Auto Inc.", "LI AUTO INC"},
    {"Li Auto Inc.", "Li Auto Incorporated"},
    {"Auto-Parts Export LLC", "Auto Parts Export L.L.C."},
    {"The Almaty Motors LLC", "Almaty Motors, LLC"},
    {"Xiamen King Long Tech Co., Ltd.", "Xiamen King Long Technology Company Limited"},
    {"比亚迪汽车工业有限公司", "比亚迪汽车工业有限公司"},
    {"比亚迪汽车工业有限公司", "比亚迪汽车工业 有限公司"},
    {"比亚迪汽车工业有限公司", "比亚迪汽车工业有限责任公司"},
    {"奇瑞汽车股份有限公司", "奇瑞汽车有限公司"},
    {"特斯拉（上海）有限公司", "特斯拉(上海)有限公司"},
    {"特斯拉（上海）有限公司", "特斯拉 (上海) 有限公司"},
    {"深圳市海科进出口有限公司", "深圳市海科进出口有限公司。"},
    {"深圳市海科进出口有限公司", "深圳市海科进出口公司"},
    {"浙江吉利控股集团有限公司", "浙江吉利控股集团 有限公司"},
    {"上海汽车集团股份有限公司", "上海汽车集团股份有限公司　"},
    {"长城汽车股份有限公司", "《长城汽车股份有限公司》"},
    {"广州·联合汽车贸易有限公司", "广州联合汽车贸易有限公司"},
};

// Different companies, in one script: a word more, less or other.
constexpr Pair kDifferent[] = {
    {"BYD Auto Co., Ltd.", "BYD Auto Sales Co., Ltd."},
    {"BYD Auto Co., Ltd.", "BYD Auto Industry Co., Ltd."},
    {"BYD Auto Co., Ltd.", "BYD Co., Ltd."},
    {"Tesla (Shanghai) Co., Ltd.", "Tesla (Beijing) Co., Ltd."},
    {"Shenzhen Haike Export Co., Ltd.", "Shenzhen Haike Trading Co., Ltd."},
    {"Shenzhen Haike Export Co., Ltd.", "Shenzhen Haike Export Co., Ltd. Branch"},
    {"Shenzhen Haike Export Co., Ltd.", "Zhang Wei"},
    {"Chery Automobile Co., Ltd.", "Chery Automobile Sales Co., Ltd."},
    {"Geely Automobile Holdings Limited", "Geely Auto International Limited"},
    {"SAIC Motor Corporation Limited", "SAIC-GM Wuling Automobile Co., Ltd."},
    {"Great Wall Motor Company Limited", "Great Wall Motor Sales Company Limited"},
    {"Li Auto Inc.", "Li Auto Sales Inc."},
    {"比亚迪汽车工业有限公司", "比亚迪汽车销售有限公司"},
    {"比亚迪汽车工业有限公司", "比亚迪汽车有限公司"},
    {"比亚迪汽车工业有限公司", "比亚迪汽车工业（深圳）有限公司"},
    {"特斯拉（上海）有限公司", "特斯拉（北京）有限公司"},
    {"深圳市海科进出口有限公司", "深圳市海科贸易有限公司"},
    {"深圳市海科进出口有限公司", "广州市海科进出口有限公司"},
    {"奇瑞汽车股份有限公司", "奇瑞汽车销售有限公司"},
    {"长城汽车股份有限公司", "长城汽车国际贸易有限公司"},
    {"深圳市海科进出口有限公司", "张伟"},
};

TEST(Company, NamesWrittenDifferentlyAreTheSame) {
    for (const auto& [a, b] : kSame) {
        EXPECT_EQ(evexport::compare_companies(a, b), NameMatch::same) << a << " | " << b;
        EXPECT_EQ(evexport::compare_companies(b, a), NameMatch::same) << b << " | " << a;
    }
}

TEST(Company, DifferentCompaniesDiffer) {
    for (const auto& [a, b] : kDifferent) {
        EXPECT_EQ(evexport::compare_companies(a, b), NameMatch::different) << a << " | " << b;
        EXPECT_EQ(evexport::compare_companies(b, a), NameMatch::different) << b << " | " << a;
    }
}

TEST(Company, TableHoldsAtLeastFortyPairsInBothScripts) { EXPECT_GE(std::size(kSame) + std::size(kDifferent), 40u); }

TEST(Company, ChineseAndLatinNamesAreNotCompared) {
    EXPECT_EQ(evexport::compare_companies("BYD Auto Co., Ltd.", "比亚迪汽车有限公司"), NameMatch::not_comparable);
    EXPECT_EQ(evexport::compare_companies("Zhang Wei", "张伟"), NameMatch::not_comparable);
    // Nothing left once the legal form is dropped: nothing to compare.
    EXPECT_EQ(evexport::compare_companies("Co., Ltd.", "BYD Auto Co., Ltd."), NameMatch::not_comparable);
    EXPECT_EQ(evexport::compare_companies("有限公司", "比亚迪汽车有限公司"), NameMatch::not_comparable);
}

TEST(Company, SalesCompaniesDealersAndModificationPlants) {
    EXPECT_EQ(evexport::sales_company_word("BYD Auto Sales Co., Ltd."), "sales");
    EXPECT_EQ(evexport::sales_company_word("比亚迪汽车销售有限公司"), "销售");
    EXPECT_EQ(evexport::sales_company_word("某某专用汽车改装有限公司"), "改装");
    EXPECT_EQ(evexport::sales_company_word("Almaty BYD Dealer LLP"), "dealer");
    EXPECT_EQ(evexport::sales_company_word("Shenzhen Haike Import & Export Co., Ltd."), "import");
    EXPECT_EQ(evexport::sales_company_word("BYD Auto Co., Ltd."), "");
    EXPECT_EQ(evexport::sales_company_word("比亚迪汽车工业有限公司"), "");
    EXPECT_EQ(evexport::sales_company_word("Wholesale Motors"), "");  // a word, not a substring
}

TEST(Company, PersonalNames) {
    EXPECT_TRUE(evexport::reads_as_person("Zhang Wei"));
    EXPECT_TRUE(evexport::reads_as_person("张伟"));
    EXPECT_TRUE(evexport::reads_as_person("欧阳娜娜"));
    EXPECT_FALSE(evexport::reads_as_person("Shenzhen Haike Export Co., Ltd."));
    EXPECT_FALSE(evexport::reads_as_person("深圳市海科进出口有限公司"));
    EXPECT_FALSE(evexport::reads_as_person("Li Auto"));
}

}  // namespace
