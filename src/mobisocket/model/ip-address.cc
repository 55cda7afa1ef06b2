/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ip-address.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"

#include <tuple>

namespace ns3
{

IpAddress::IpAddress()
    : m_family(IPV4),
      m_ipv4(Ipv4Address::GetAny()),
      m_ipv6(Ipv6Address::GetAny())
{
}

IpAddress::IpAddress(Ipv4Address address)
    : m_family(IPV4),
      m_ipv4(address),
      m_ipv6(Ipv6Address::GetAny())
{
}

IpAddress::IpAddress(Ipv6Address address)
    : m_family(IPV6),
      m_ipv4(Ipv4Address::GetAny()),
      m_ipv6(address)
{
}

IpAddress
IpAddress::GetAny(Family family)
{
    return family == IPV6 ? IpAddress(Ipv6Address::GetAny()) : IpAddress(Ipv4Address::GetAny());
}

std::optional<IpAddress>
IpAddress::FromSocketAddress(const Address& socketAddress, uint16_t& port)
{
    if (InetSocketAddress::IsMatchingType(socketAddress))
    {
        InetSocketAddress inet = InetSocketAddress::ConvertFrom(socketAddress);
        port = inet.GetPort();
        return IpAddress(inet.GetIpv4());
    }
    if (Inet6SocketAddress::IsMatchingType(socketAddress))
    {
        Inet6SocketAddress inet6 = Inet6SocketAddress::ConvertFrom(socketAddress);
        port = inet6.GetPort();
        return IpAddress(inet6.GetIpv6());
    }
    return std::nullopt;
}

IpAddress::Family
IpAddress::GetFamily() const
{
    return m_family;
}

bool
IpAddress::IsIpv6() const
{
    return m_family == IPV6;
}

Ipv4Address
IpAddress::GetIpv4() const
{
    return m_ipv4;
}

Ipv6Address
IpAddress::GetIpv6() const
{
    return m_ipv6;
}

Address
IpAddress::ToSocketAddress(uint16_t port) const
{
    return IsIpv6() ? Address(Inet6SocketAddress(m_ipv6, port))
                    : Address(InetSocketAddress(m_ipv4, port));
}

Address
IpAddress::ToAddress() const
{
    return IsIpv6() ? Address(m_ipv6) : Address(m_ipv4);
}

bool
IpAddress::IsAny() const
{
    return IsIpv6() ? m_ipv6.IsAny() : m_ipv4 == Ipv4Address::GetAny();
}

bool
IpAddress::IsIpv4Mapped() const
{
    return IsIpv6() && m_ipv6.IsIpv4MappedAddress();
}

bool
IpAddress::IsGlobalHost() const
{
    if (IsIpv6())
    {
        return !(m_ipv6.IsAny() || m_ipv6.IsMulticast() || m_ipv6.IsLocalhost() ||
                 m_ipv6.IsLinkLocal() || m_ipv6.IsIpv4MappedAddress());
    }
    return !(m_ipv4 == Ipv4Address::GetAny() || m_ipv4.IsBroadcast() || m_ipv4.IsMulticast() ||
             m_ipv4.IsLocalhost());
}

uint32_t
IpAddress::GetSerializedSize(Family family)
{
    return family == IPV6 ? 16 : 4;
}

void
IpAddress::Serialize(Buffer::Iterator& i) const
{
    if (IsIpv6())
    {
        uint8_t bytes[16];
        m_ipv6.GetBytes(bytes);
        i.Write(bytes, sizeof(bytes));
    }
    else
    {
        i.WriteHtonU32(m_ipv4.Get());
    }
}

IpAddress
IpAddress::Deserialize(Buffer::Iterator& i, Family family)
{
    if (family == IPV6)
    {
        uint8_t bytes[16];
        i.Read(bytes, sizeof(bytes));
        return IpAddress(Ipv6Address(bytes));
    }
    return IpAddress(Ipv4Address(i.ReadNtohU32()));
}

bool
operator==(const IpAddress& a, const IpAddress& b)
{
    return a.m_family == b.m_family && (a.IsIpv6() ? a.m_ipv6 == b.m_ipv6 : a.m_ipv4 == b.m_ipv4);
}

bool
operator!=(const IpAddress& a, const IpAddress& b)
{
    return !(a == b);
}

bool
operator<(const IpAddress& a, const IpAddress& b)
{
    if (a.m_family != b.m_family)
    {
        return a.m_family < b.m_family;
    }
    return a.IsIpv6() ? a.m_ipv6 < b.m_ipv6 : a.m_ipv4 < b.m_ipv4;
}

std::ostream&
operator<<(std::ostream& os, const IpAddress& address)
{
    if (address.IsIpv6())
    {
        return os << address.m_ipv6;
    }
    return os << address.m_ipv4;
}

} // namespace ns3
