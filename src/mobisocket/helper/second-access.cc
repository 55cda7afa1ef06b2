/*
 * Copyright (c) 2026 The mobisocket authors
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "second-access.h"

#include "scoped-attribute-defaults.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/lte-helper.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/lte-ue-rrc.h"
#include "ns3/mobility-helper.h"
#include "ns3/ns3-compat.h"
#include "ns3/point-to-point-epc-helper.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketSecondAccess");

namespace
{
/// LTE: RLC transmission buffer per bearer and direction (bytes).
constexpr uint32_t RLC_BUFFER_BYTES = 256 * 1024;
} // namespace

bool
SecondAccess::IsKnown(const std::string& kind)
{
    return kind == "lte" || kind == "link";
}

std::unique_ptr<SecondAccess>
SecondAccess::Create(const Config& config)
{
    if (config.kind == "link")
    {
        return std::make_unique<LinkSecondAccess>(config);
    }
    NS_ABORT_MSG_UNLESS(config.kind == "lte", "SecondAccess: unknown kind " << config.kind);
    return std::make_unique<LteSecondAccess>(config);
}

void
SecondAccess::ApplyDefaults(ScopedAttributeDefaults& /* defaults */) const
{
}

Ptr<NetDevice>
SecondAccess::GetDevice() const
{
    return m_mh->GetObject<Ipv4>()->GetNetDevice(m_interface);
}

Ipv4Address
SecondAccess::GetAddress() const
{
    return m_mh->GetObject<Ipv4>()->GetAddress(m_interface, 0).GetLocal();
}

void
SecondAccess::SetInterface(Ptr<Node> mh, uint32_t interface, Ipv4Address gateway)
{
    m_mh = mh;
    m_interface = interface;
    m_gateway = gateway;
}

void
SecondAccess::SetDown()
{
    m_mh->GetObject<Ipv4>()->SetDown(m_interface);
}

void
SecondAccess::SetUp()
{
    Ptr<Ipv4> ipv4 = m_mh->GetObject<Ipv4>();
    ipv4->SetUp(m_interface);
    // NotifyInterfaceUp restores only the connected route.
    Ipv4StaticRoutingHelper().GetStaticRouting(ipv4)->AddNetworkRouteTo(Ipv4Address::GetAny(),
                                                                        Ipv4Mask::GetZero(),
                                                                        m_gateway,
                                                                        m_interface,
                                                                        10);
}

// ---------------------------------------------------------------------------------------------

LinkSecondAccess::LinkSecondAccess(const Config& config)
    : m_config(config)
{
}

void
LinkSecondAccess::Build(Ptr<Node> mh, Ptr<Node> router, const RouterWiring& wire, bool upFromStart)
{
    RouterLink link = wire(mh,
                           DataRate(uint64_t(m_config.linkRateMbps * 1e6)),
                           MilliSeconds(m_config.linkDelayMs),
                           "10.0.250.0");
    SetInterface(mh, link.nodeInterface, link.routerAddress);
    SetDown();
    if (upFromStart)
    {
        SetUp();
    }
}

void
LinkSecondAccess::BringUp(std::function<void()> ready)
{
    ScheduleLambda(MilliSeconds(m_config.linkUpMs), [this, ready]() {
        SetUp();
        ready();
    });
}

int64_t
LinkSecondAccess::AssignStreams(int64_t /* stream */)
{
    return 0;
}

// ---------------------------------------------------------------------------------------------

LteSecondAccess::LteSecondAccess(const Config& config)
    : m_config(config)
{
}

LteSecondAccess::~LteSecondAccess() = default;

void
LteSecondAccess::ApplyDefaults(ScopedAttributeDefaults& defaults) const
{
    defaults.Set("ns3::LteEnbRrc::EpsBearerToRlcMapping", EnumValue(LteEnbRrc::RLC_AM_ALWAYS));
    defaults.Set("ns3::LteRlcAm::MaxTxBufferSize", UintegerValue(RLC_BUFFER_BYTES));
}

void
LteSecondAccess::Build(Ptr<Node> mh, Ptr<Node> router, const RouterWiring& wire, bool upFromStart)
{
    m_lte = CreateObject<LteHelper>();
    m_lte->SetAttribute("UseIdealRrc", BooleanValue(false));
    m_epc = CreateObject<PointToPointEpcHelper>();
    m_lte->SetEpcHelper(m_epc);
    m_lte->SetEnbDeviceAttribute("DlBandwidth", UintegerValue(m_config.lteBandwidthRb));
    m_lte->SetEnbDeviceAttribute("UlBandwidth", UintegerValue(m_config.lteBandwidthRb));

    // The PGW is the UEs' way to the router, and the router's to them.
    Ptr<Node> pgw = m_epc->GetPgwNode();
    RouterLink link = wire(pgw, DataRate("10Gb/s"), MilliSeconds(1), "10.0.251.0");
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(router->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("7.0.0.0"),
                            Ipv4Mask("255.0.0.0"),
                            link.nodeAddress,
                            link.routerInterface);
    routing.GetStaticRouting(pgw->GetObject<Ipv4>())
        ->SetDefaultRoute(link.routerAddress, link.nodeInterface);

    Ptr<Node> enb = CreateObject<Node>();
    MobilityHelper fixed;
    fixed.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    fixed.Install(enb);
    enb->GetObject<MobilityModel>()->SetPosition(m_config.enbPosition);
    m_enbDevice = m_lte->InstallEnbDevice(NodeContainer(enb)).Get(0);
    NetDeviceContainer ue = m_lte->InstallUeDevice(NodeContainer(mh));
    m_ueDevice = ue.Get(0);
    Ipv4InterfaceContainer ueInterface = m_epc->AssignUeIpv4Address(ue);
    SetInterface(mh, ueInterface.Get(0).second, m_epc->GetUeDefaultGatewayAddress());
    // NAS turns ACTIVE at the RRC connection, before the EPC has the
    // session; the data radio bearer is set up once the whole path exists.
    DynamicCast<LteUeNetDevice>(m_ueDevice)
        ->GetRrc()
        ->TraceConnectWithoutContext(
            "DrbCreated",
            MakeLambdaCallback<void, uint64_t, uint16_t, uint16_t, uint8_t>(
                [this](uint64_t, uint16_t, uint16_t, uint8_t) { Activated(); }));
    SetDown();
    if (upFromStart)
    {
        BringUp([]() {});
    }
}

void
LteSecondAccess::BringUp(std::function<void()> ready)
{
    NS_LOG_INFO("LTE: switched on");
    m_ready = std::move(ready);
    // The radio was off: cell selection, random access, RRC connection, the
    // EPC's session and the data radio bearer. ns-3's UE cannot stay camped
    // and idle (its RRC connects as soon as it has selected a cell), so a
    // radio kept registered but idle while on WiFi is not modelled.
    m_lte->Attach(m_ueDevice);
}

void
LteSecondAccess::Activated()
{
    NS_LOG_INFO("LTE: default bearer up");
    if (m_active)
    {
        return;
    }
    m_active = true;
    if (m_ready)
    {
        SetUp();
        auto ready = std::move(m_ready);
        m_ready = nullptr;
        ready();
    }
}

int64_t
LteSecondAccess::AssignStreams(int64_t stream)
{
    NetDeviceContainer devices(m_enbDevice, m_ueDevice);
    return m_lte->AssignStreams(devices, stream);
}

} // namespace ns3
