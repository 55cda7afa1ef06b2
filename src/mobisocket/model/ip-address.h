/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBISOCKET_IP_ADDRESS_H
#define MOBISOCKET_IP_ADDRESS_H

#include "ns3/address.h"
#include "ns3/buffer.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <cstdint>
#include <optional>
#include <ostream>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief An IPv4 or an IPv6 host address: what a connection's end is moved
 *        to, carried in the signed fields of the control messages, and the
 *        key of the demultiplexer's tombstones.
 *
 * ns-3 keeps the two families apart (Ipv4EndPoint and Ipv6EndPoint,
 * InetSocketAddress and Inet6SocketAddress); the mobility mechanism is the
 * same for both, so it works on this type and only the few functions that
 * touch an endpoint or the wire look at the family. It converts implicitly
 * from Ipv4Address and Ipv6Address. The default is IPv4's 0.0.0.0.
 */
class IpAddress
{
  public:
    /// Address family codes, as the control messages carry them.
    enum Family : uint8_t
    {
        IPV4 = 4, //!< IPv4
        IPV6 = 6  //!< IPv6
    };

    /// The IPv4 wildcard address 0.0.0.0.
    IpAddress();
    /**
     * \param address an IPv4 address
     */
    IpAddress(Ipv4Address address);
    /**
     * \param address an IPv6 address
     */
    IpAddress(Ipv6Address address);

    /**
     * \param family IPV4 or IPV6
     * \return the wildcard address of that family (0.0.0.0 or ::)
     */
    static IpAddress GetAny(Family family);

    /**
     * \brief Read the host address and port of a socket address.
     * \param socketAddress an InetSocketAddress or an Inet6SocketAddress
     * \param[out] port its port
     * \return the host address, or nothing for another kind of address
     */
    static std::optional<IpAddress> FromSocketAddress(const Address& socketAddress, uint16_t& port);

    /// \return the family
    Family GetFamily() const;
    /// \return true for an IPv6 address
    bool IsIpv6() const;
    /// \return the IPv4 address (0.0.0.0 if this is IPv6)
    Ipv4Address GetIpv4() const;
    /// \return the IPv6 address (:: if this is IPv4)
    Ipv6Address GetIpv6() const;

    /**
     * \param port a port
     * \return an InetSocketAddress or an Inet6SocketAddress
     */
    Address ToSocketAddress(uint16_t port) const;

    /// \return the address as ns-3's Address (an Ipv4Address or an Ipv6Address in it)
    Address ToAddress() const;

    /// \return true for the wildcard address of its family
    bool IsAny() const;

    /**
     * \return true if the address can name one host anywhere: not the
     *         wildcard, broadcast, multicast or loopback address, and for
     *         IPv6 not link-local nor IPv4-mapped (a global address)
     */
    bool IsGlobalHost() const;

    /// \return true for an IPv6 address that maps an IPv4 one (::ffff:a.b.c.d)
    bool IsIpv4Mapped() const;

    /**
     * \param family a family
     * \return the bytes an address of that family takes on the wire (4 or 16)
     */
    static uint32_t GetSerializedSize(Family family);

    /**
     * \brief Write the address in network byte order.
     * \param i where to write (GetSerializedSize(GetFamily()) bytes)
     */
    void Serialize(Buffer::Iterator& i) const;

    /**
     * \brief Read an address of a family.
     * \param i where to read (GetSerializedSize(family) bytes)
     * \param family its family
     * \return the address
     */
    static IpAddress Deserialize(Buffer::Iterator& i, Family family);

    /**
     * \param a an address \param b another
     * \return true if they are the same address of the same family
     */
    friend bool operator==(const IpAddress& a, const IpAddress& b);
    /**
     * \param a an address \param b another
     * \return true if they differ
     */
    friend bool operator!=(const IpAddress& a, const IpAddress& b);
    /**
     * \param a an address \param b another
     * \return a strict order (IPv4 first), for maps
     */
    friend bool operator<(const IpAddress& a, const IpAddress& b);
    /**
     * \param os a stream \param address an address
     * \return os, with the address in its family's notation
     */
    friend std::ostream& operator<<(std::ostream& os, const IpAddress& address);

  private:
    Family m_family;    //!< which of the two is meant
    Ipv4Address m_ipv4; //!< the IPv4 address
    Ipv6Address m_ipv6; //!< the IPv6 address
};

} // namespace ns3

#endif /* MOBISOCKET_IP_ADDRESS_H */
