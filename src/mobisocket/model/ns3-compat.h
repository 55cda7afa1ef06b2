/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBISOCKET_NS3_COMPAT_H
#define MOBISOCKET_NS3_COMPAT_H

/**
 * \file
 * \ingroup mobisocket
 * The differences between the ns-3 releases the module builds against
 * (3.35 with waf, 3.37 as Debian packages it and in-tree, 3.48 in-tree), in
 * one place, chosen at compile time. Each names the ns-3 change behind it
 * (ns-3's CHANGES.md). The TCB relocation unit (relocatable-tcp-socket.cc)
 * has its own, longer list: the TcpSocketBase fields it copies.
 *
 * MOBISOCKET_NS3_VERSION is 100 * major + minor of the ns-3 being built
 * against (337 for ns-3.37, 348 for ns-3.48); the build defines it
 * (CMakeLists.txt from find_package(ns3) or the tree's VERSION file,
 * wscript from the tree's version).
 */

#include "ns3/basic-energy-source.h"
#include "ns3/device-energy-model.h"
#include "ns3/energy-source.h"
#include "ns3/enum.h"
#include "ns3/event-id.h"

#ifndef MOBISOCKET_NS3_VERSION
#error "MOBISOCKET_NS3_VERSION is not defined: build the module through CMakeLists.txt or wscript"
#endif

namespace ns3
{

/**
 * \brief Is an event still to run?
 *
 * ns-3.42 deprecated EventId::IsRunning() for IsPending() (CHANGES.md,
 * "Changes from ns-3.41 to ns-3.42"); later releases removed it.
 * \param event the event
 * \return true if it is scheduled and neither run nor cancelled yet
 */
inline bool
IsEventPending(const EventId& event)
{
#if MOBISOCKET_NS3_VERSION >= 342
    return event.IsPending();
#else
    return event.IsRunning();
#endif
}

/**
 * \brief The accessor of an enum attribute.
 *
 * ns-3.41 made EnumValue support enum classes, and MakeEnumAccessor takes
 * the enum type as its first template argument since (CHANGES.md, "Changes
 * from ns-3.40 to ns-3.41").
 * \tparam E the enum type
 * \tparam M the member (or getter/setter) pointer type
 * \param member the member
 * \return the accessor
 */
template <class E, class M>
Ptr<const AttributeAccessor>
MakeEnumAccessorOf(M member)
{
#if MOBISOCKET_NS3_VERSION >= 341
    return MakeEnumAccessor<E>(member);
#else
    return MakeEnumAccessor(member);
#endif
}

#if MOBISOCKET_NS3_VERSION < 342
/**
 * The energy framework's classes under the name they have since ns-3.42,
 * whose energy module moved into namespace ns3::energy (CHANGES.md,
 * "Changes from ns-3.41 to ns-3.42"): the module spells them energy::X.
 */
namespace energy
{
using ns3::BasicEnergySource;
using ns3::DeviceEnergyModel;
using ns3::EnergySource;
} // namespace energy
#endif

} // namespace ns3

/**
 * Object subclasses declare GetInstanceTypeId() only where ns-3 lets them:
 * since ns-3.45 Object::GetInstanceTypeId() is final and reports the
 * TypeId the object was created with (CHANGES.md, "Changes from ns-3.44 to
 * ns-3.45"); before, a TcpSocketBase subclass had to override it or be
 * reported (and configured) as a TcpSocketBase.
 */
#define MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID (MOBISOCKET_NS3_VERSION < 345)

#endif /* MOBISOCKET_NS3_COMPAT_H */
