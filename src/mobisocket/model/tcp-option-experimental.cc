/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-option-experimental.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketTcpOptionExperimental");

NS_OBJECT_ENSURE_REGISTERED(TcpOptionExperimental);

TypeId
TcpOptionExperimental::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpOptionExperimental")
                            .SetParent<TcpOption>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<TcpOptionExperimental>();
    return tid;
}

#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
TypeId
TcpOptionExperimental::GetInstanceTypeId() const
{
    return GetTypeId();
}
#endif

TcpOptionExperimental::TcpOptionExperimental()
    : TcpOption()
{
}

TcpOptionExperimental::TcpOptionExperimental(uint16_t exid, const std::vector<uint8_t>& payload)
    : TcpOption(),
      m_exid(exid),
      m_payload(payload)
{
    NS_ABORT_MSG_IF(payload.size() > MAX_PAYLOAD,
                    "experimental TCP option payload of " << payload.size() << " bytes exceeds "
                                                          << MAX_PAYLOAD);
}

void
TcpOptionExperimental::Print(std::ostream& os) const
{
    os << "Experimental(exid=0x" << std::hex << m_exid << std::dec << ", " << m_payload.size()
       << " bytes)";
}

uint32_t
TcpOptionExperimental::GetSerializedSize() const
{
    return 4 + static_cast<uint32_t>(m_payload.size());
}

void
TcpOptionExperimental::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(KIND);
    i.WriteU8(static_cast<uint8_t>(GetSerializedSize()));
    i.WriteHtonU16(m_exid);
    for (uint8_t b : m_payload)
    {
        i.WriteU8(b);
    }
}

uint32_t
TcpOptionExperimental::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    if (i.GetRemainingSize() < 4)
    {
        return 0;
    }
    uint8_t kind = i.ReadU8();
    uint8_t size = i.ReadU8();
    if (kind != KIND || size < 4 || size - 2u > i.GetRemainingSize())
    {
        return 0;
    }
    m_exid = i.ReadNtohU16();
    m_payload.resize(size - 4u);
    for (auto& b : m_payload)
    {
        b = i.ReadU8();
    }
    return size;
}

uint8_t
TcpOptionExperimental::GetKind() const
{
    // Reported as MSS so that TcpHeader::AppendOption accepts it; see the class documentation.
    return TcpOption::MSS;
}

uint16_t
TcpOptionExperimental::GetExid() const
{
    return m_exid;
}

const std::vector<uint8_t>&
TcpOptionExperimental::GetPayload() const
{
    return m_payload;
}

bool
TcpOptionExperimental::Find(const TcpHeader& header, uint16_t exid, std::vector<uint8_t>& payload)
{
    for (const auto& option : header.GetOptionList())
    {
        // An option built locally (e.g. seen in a Tx trace) is still our class.
        if (auto local = DynamicCast<const TcpOptionExperimental>(option))
        {
            if (local->GetExid() == exid)
            {
                payload = local->GetPayload();
                return true;
            }
            continue;
        }
        if (option->GetKind() != KIND)
        {
            continue;
        }
        // A received kind-253 option is a TcpOptionUnknown without accessors:
        // serialize it back to bytes and decode those.
        Buffer buffer;
        buffer.AddAtStart(option->GetSerializedSize());
        option->Serialize(buffer.Begin());
        TcpOptionExperimental decoded;
        if (decoded.Deserialize(buffer.Begin()) == 0 || decoded.GetExid() != exid)
        {
            continue;
        }
        payload = decoded.GetPayload();
        return true;
    }
    return false;
}

} // namespace ns3
